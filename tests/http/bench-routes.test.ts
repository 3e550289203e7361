import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, productionEnv, startAppServer, type AppServer } from "@/support/app-server";

// The benchmark's reference routes are in every build; only AGORA_BENCH_ROUTES=1 makes them answer.
describe("the benchmark's framework-floor routes", () => {
  const dataRoot = mkdtempSync(path.join(tmpdir(), "agora-bench-routes-"));
  let plain: AppServer;
  let bench: AppServer;

  beforeAll(async () => {
    const start = async (name: string, extra: Record<string, string>) => {
      const port = await freePort();
      return startAppServer(productionEnv(port, { PGLITE_DATA_DIR: path.join(dataRoot, name) }, extra), port);
    };
    [plain, bench] = await Promise.all([start("plain", {}), start("bench", { AGORA_BENCH_ROUTES: "1" })]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([plain?.stop(), bench?.stop()]);
    rmSync(dataRoot, { recursive: true, force: true });
  });

  it("are not found on a normal server", async () => {
    const handler = await fetch(`${plain.url}/api/bench/floor`);
    expect(handler.status).toBe(404);
    expect((await handler.json()).error.code).toBe("not_found");
    expect((await fetch(`${plain.url}/bench/floor`)).status).toBe(404);
  });

  it("answer when the server runs with AGORA_BENCH_ROUTES=1", async () => {
    const handler = await fetch(`${bench.url}/api/bench/floor`);
    expect(handler.status).toBe(200);
    expect(await handler.json()).toEqual({ ok: true });
    const page = await fetch(`${bench.url}/bench/floor`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Benchmark floor.");
  });
});
