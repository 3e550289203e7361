import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requirePostgresForHttpSuite, startAppCluster, type AppCluster } from "../support/app-cluster";

describe.runIf(await requirePostgresForHttpSuite())("npm run soak", () => {
  let cluster: AppCluster;
  beforeAll(async () => {
    cluster = await startAppCluster(1, {
      RATE_LIMIT_VOTES_PER_MINUTE: "100000",
      RATE_LIMIT_COMMENTS_PER_MINUTE: "100000",
      RATE_LIMIT_UPVOTES_PER_MINUTE: "100000",
      RATE_LIMIT_SIGNINS_PER_MINUTE: "100000",
    });
  }, 120_000);
  afterAll(async () => {
    await cluster?.dispose();
  });

  it("drives a bounded mix at the asked rate and reports throughput, errors and latency as a table and JSON", () => {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/soak.ts", "--url", cluster.servers[0]!.url, "--duration", "3", "--rate", "20", "--readers", "5"],
      {
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("| throughput |");
    expect(run.stdout).toContain("| latency p50 / p95 / p99 |");
    const report = JSON.parse(run.stdout.trim().split("\n").at(-1)!);
    expect(report.requested).toBe(60);
    expect(report.completed).toBe(60);
    expect(report.errorRate).toBe(0);
    expect(report.latencyMs.p99).toBeGreaterThanOrEqual(report.latencyMs.p50);
    expect(run.status).toBe(0);
  }, 90_000);

  it("refuses a target that is not on loopback", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/soak.ts", "--url", "http://10.0.0.1:3000", "--duration", "1"], {
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("only loopback targets");
  });
});
