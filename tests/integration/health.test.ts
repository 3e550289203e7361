import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "@/db/connect";
import type { Database } from "@/db/database";
import { AppError } from "@/lib/errors";
import { checkHealth, HEALTH_TIMEOUT_MS } from "@/lib/health";

/** A TCP server that accepts connections and never answers: a database that hangs. */
let blackhole: net.Server;
const held: net.Socket[] = [];
/** A port nothing listens on: a database that is down. */
let closedPort: number;

beforeAll(async () => {
  blackhole = net.createServer((socket) => held.push(socket)).listen(0, "127.0.0.1");
  await new Promise((resolve) => blackhole.once("listening", resolve));
  const probe = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => probe.once("listening", resolve));
  closedPort = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
});

afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => blackhole.close(resolve));
});

async function expectUnavailableInTime(database: Database) {
  const started = performance.now();
  const error = await checkHealth(async () => database).catch((caught: unknown) => caught);
  const elapsed = performance.now() - started;
  await database.close().catch(() => {});
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("unavailable");
  expect(elapsed).toBeLessThan(HEALTH_TIMEOUT_MS);
}

describe("health when the database is unreachable", () => {
  it("answers unavailable when the server refuses connections", async () => {
    await expectUnavailableInTime(await connect({ driver: "postgres", url: `postgres://postgres@127.0.0.1:${closedPort}/agora` }));
  });

  it("answers unavailable, not a hang, when the server accepts but never replies", async () => {
    const { port } = blackhole.address() as net.AddressInfo;
    await expectUnavailableInTime(await connect({ driver: "postgres", url: `postgres://postgres@127.0.0.1:${port}/agora` }));
  });
});
