import { spawn } from "node:child_process";
import net from "node:net";
import { expect, test } from "@playwright/test";
import { E2E_SERVER_ENV } from "../playwright.config";

test("GET /api/health names the embedded driver", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ ok: true, db: "pglite" });
});

test("a server whose database is unreachable answers 503 unavailable within 2 seconds", async ({ request }) => {
  // A database that accepts connections and never answers (the worst case: no quick refusal).
  const held: net.Socket[] = [];
  const blackhole = net.createServer((socket) => held.push(socket)).listen(0, "127.0.0.1");
  await new Promise((resolve) => blackhole.once("listening", resolve));
  const dbPort = (blackhole.address() as net.AddressInfo).port;
  const port = 3290;
  const server = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, ...E2E_SERVER_ENV, AUTH_URL: `http://127.0.0.1:${port}`, DATABASE_URL: `postgres://postgres@127.0.0.1:${dbPort}/agora` },
    stdio: "ignore",
  });
  try {
    await expect
      // A static file: it answers whatever the database does.
      .poll(async () => (await request.get(`http://127.0.0.1:${port}/icon.svg`).catch(() => null))?.status(), { timeout: 20_000 })
      .toBe(200);
    const started = Date.now();
    const response = await request.get(`http://127.0.0.1:${port}/api/health`);
    const elapsed = Date.now() - started;
    expect(response.status()).toBe(503);
    const body = await response.json();
    expect(body).toMatchObject({ ok: false, error: { code: "unavailable" } });
    expect(typeof body.error.message).toBe("string");
    expect(elapsed).toBeLessThan(2000);
  } finally {
    server.kill("SIGTERM");
    for (const socket of held) socket.destroy();
    blackhole.close();
  }
});
