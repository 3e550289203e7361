import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "@/support/http-client";
import { requirePostgresForHttpSuite, startAppCluster, type AppCluster } from "../support/app-cluster";
import { databaseFingerprint } from "../support/database-fingerprint";
import { hostileCorpus, type HostileRequest } from "./hostile-corpus";

const SEED = Number(process.env.TEST_SEED ?? 20261126);
const TIMEOUT_MS = 10_000;

describe.runIf(await requirePostgresForHttpSuite())(`hostile input (seed ${SEED})`, () => {
  let cluster: AppCluster;
  let reader: HttpClient;
  let admin: HttpClient;
  let corpus: HostileRequest[];

  beforeAll(async () => {
    cluster = await startAppCluster(1, { ADMIN_DEV_NAMES: "Hostile Admin" });
    reader = new HttpClient(cluster.servers[0]!.url);
    const { id: userId } = await reader.signIn("Hostile Hank");
    admin = new HttpClient(cluster.servers[0]!.url);
    expect((await admin.signIn("Hostile Admin")).role).toBe("admin");
    const created = await reader.request("POST", "/api/sections/geopolitics/comments", { json: { body: "A real comment to aim at" } });
    const { comment } = await created.json();
    await reader.request("PUT", "/api/proposals/open-source/vote", { json: { stance: 2 } });
    corpus = hostileCorpus({ commentId: comment.id, userId }, SEED);
  }, 120_000);
  afterAll(async () => {
    await cluster?.dispose();
  });

  it("answers every malformed request with a 4xx in the shared error shape, never a 5xx or a hang, and changes nothing", async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(500);
    const before = await databaseFingerprint(cluster.database.db);
    const anonymous = new HttpClient(cluster.servers[0]!.url);
    const statuses = new Map<number, number>();
    const failures: string[] = [];

    const send = async (request: HostileRequest) => {
      const client = request.anonymous ? anonymous : request.admin ? admin : reader;
      const headers: Record<string, string> = {};
      if (request.contentType !== null) headers["content-type"] = request.contentType ?? "application/json";
      let response: Response;
      try {
        response = await Promise.race([
          client.request(request.method, request.path, { body: request.body as BodyInit | undefined, headers }),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no answer in 10 s")), TIMEOUT_MS)),
        ]);
      } catch (error) {
        failures.push(`${request.method} ${request.path.slice(0, 80)} (${request.why}): ${(error as Error).message}`);
        return;
      }
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const text = await response.text();
      let shaped = false;
      try {
        const body = JSON.parse(text);
        shaped = typeof body?.error?.code === "string" && typeof body?.error?.message === "string" && Object.keys(body).length === 1;
      } catch {
        shaped = false;
      }
      if (response.status < 400 || response.status >= 500 || !shaped) {
        failures.push(`${request.method} ${request.path.slice(0, 80)} (${request.why}) → ${response.status} ${text.slice(0, 120)}`);
      }
    };

    // Ten at a time: enough concurrency to shake out races, not a load test.
    for (let i = 0; i < corpus.length; i += 10) await Promise.all(corpus.slice(i, i + 10).map(send));

    console.log(`hostile input: ${corpus.length} requests; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    expect(failures, `seed ${SEED}`).toEqual([]);
    expect(await databaseFingerprint(cluster.database.db)).toEqual(before);
  }, 180_000);
});
