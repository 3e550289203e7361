import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { freePort, productionEnv, startAppServer, type AppServer } from "@/support/app-server";
import { HttpClient } from "@/support/http-client";
import { voteInvariantViolations } from "@/support/invariants";

/**
 * The embedded default (PGlite on disk): SIGKILL the server in the middle of a write burst, restart it,
 * and every write that was acknowledged with a 2xx is there, with every invariant intact.
 */
describe("crash durability on the embedded database", () => {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "agora-crash-")), "data");
  let server: AppServer | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it("keeps every acknowledged write across a SIGKILL mid-burst", async () => {
    const port = await freePort();
    const env = productionEnv(port, { PGLITE_DATA_DIR: dataDir, DATABASE_URL: "" });
    server = await startAppServer(env, port);
    const readers = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const client = new HttpClient(server!.url);
        await client.signIn(`Crash Reader ${i}`);
        return client;
      }),
    );

    // Acknowledged writes: the last 2xx stance per reader and proposal, and every 201 comment. Each reader
    // sends one request at a time, so at the kill at most one vote per reader is in flight: the database may
    // have committed it without the answer reaching us. That unacknowledged stance is the only other value
    // the reader's vote may hold after the restart.
    const stances = new Map<string, number | null>();
    const inFlight = new Map<string, number>();
    const comments: string[] = [];
    const ids = ["open-source", "government-funding", "treaties"];
    let stop = false;
    const burst = readers.map(async (client, r) => {
      for (let i = 0; !stop; i++) {
        const id = ids[i % 3]!;
        const stance = ((i + r) % 5) - 2;
        const sending =
          i % 4 === 3
            ? client
                .request("POST", "/api/sections/finally/comments", { json: { body: `crash ${r}-${i}` } })
                .then((response) => ({ response, kind: "comment" as const, key: `crash ${r}-${i}` }))
            : client
                .request("PUT", `/api/proposals/${id}/vote`, { json: { stance } })
                .then((response) => ({ response, kind: "vote" as const, key: `${r}|${id}` }));
        const outcome = await sending.catch(() => null);
        if (!outcome) {
          // The server died under this request: not acknowledged, but possibly committed.
          if (i % 4 !== 3) inFlight.set(`${r}|${id}`, stance);
          return;
        }
        if (outcome.kind === "vote" && outcome.response.status === 200) stances.set(outcome.key, stance);
        if (outcome.kind === "comment" && outcome.response.status === 201) comments.push(outcome.key);
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    server.kill("SIGKILL");
    stop = true;
    await Promise.all(burst);
    expect(stances.size).toBeGreaterThan(3);
    console.log(`crash: SIGKILL after ${stances.size} acknowledged vote states and ${comments.length} comments`);

    // Restart on the same directory (the dead process's lock is taken over) and check.
    const restarted = await startAppServer(env, port);
    server = restarted;
    for (const [r, client] of readers.entries()) {
      const mine = (await (await client.get("/api/proposals")).json()) as { id: string; myStance: number | null }[];
      for (const proposal of mine) {
        const key = `${r}|${proposal.id}`;
        // Never acknowledged and nothing in flight: the reader has no vote there.
        const allowed = [stances.get(key) ?? null, ...(inFlight.has(key) ? [inFlight.get(key)] : [])];
        expect(allowed, `${key}: ${proposal.myStance}`).toContain(proposal.myStance);
      }
    }
    const listed = JSON.stringify(await (await readers[0]!.get("/api/sections/finally/comments?sort=new&limit=100")).json());
    for (const body of comments) expect(listed).toContain(body);
    await restarted.stop();
    server = undefined;

    const database = await openDatabase({ driver: "pglite", dataDir });
    try {
      expect(await voteInvariantViolations(database.db)).toEqual([]);
    } finally {
      await database.close();
    }
  }, 120_000);
});
