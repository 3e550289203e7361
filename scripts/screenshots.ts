// npm run screenshots — captures the README's screenshots (the essay, a discussion, the results) at
// desktop (1280) and phone (390) widths into docs/screenshots/. Without SCREENSHOT_BASE_URL it starts
// its own production server (the last `npm run build`) on a throwaway embedded database and seeds a
// few readers, votes and comments through the HTTP API; with it, it captures that app as it is.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, request, type APIRequestContext } from "@playwright/test";

const PORT = Number(process.env.SCREENSHOT_PORT ?? 3299);
const shots = [
  { name: "essay", path: "/" },
  { name: "discussion", path: "/sections/treaties" },
  { name: "results", path: "/results" },
];
const viewports = [
  { suffix: "desktop", viewport: { width: 1280, height: 900 }, isMobile: false },
  { suffix: "phone", viewport: { width: 390, height: 844 }, isMobile: true },
];

const READERS: { name: string; votes: Record<string, number> }[] = [
  { name: "Amara Okafor", votes: { "open-source": 2, "government-funding": 1, treaties: 2 } },
  { name: "Bruno Lentz", votes: { "open-source": -1, "government-funding": 2, treaties: 1 } },
  { name: "Chen Wei", votes: { "open-source": 1, "government-funding": -2, treaties: 2 } },
  { name: "Dalia Haddad", votes: { "open-source": 0, "government-funding": 1, treaties: -1 } },
  { name: "Eli Novak", votes: { "open-source": 2, "government-funding": 0, treaties: 1 } },
];
const THREAD = [
  {
    by: 0,
    body: "A treaty only works if it can be **verified**. Nuclear arms had satellites and seismographs; what is the equivalent for a model running on rented GPUs?",
  },
  { by: 1, body: "Compute is the choke point: large training runs need data centres that are hard to hide.", replyTo: 0 },
  { by: 3, body: "Export controls already try this, with mixed results. I am not sure a treaty adds much.", replyTo: 1 },
  { by: 2, body: "Even an imperfect treaty sets a norm. The chemical weapons convention is not airtight either, yet use is rare." },
  { by: 4, body: "Would a ban cover *defensive* systems, like missile interception? The line is blurrier than the essay suggests." },
];

async function startServer(): Promise<{ baseURL: string; server: ChildProcess; dataDir: string }> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("No production build: run `npm run build` first (or set SCREENSHOT_BASE_URL).");
  const dataDir = mkdtempSync(join(tmpdir(), "agora-screenshots-"));
  const baseURL = `http://127.0.0.1:${PORT}`;
  const server = spawn("node_modules/.bin/next", ["start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      PGLITE_DATA_DIR: dataDir,
      DATABASE_URL: "",
      POSTGRES_URL: "",
      AUTH_URL: baseURL,
      AUTH_SECRET: "agora-screenshots-secret-0123456789",
      AUTH_DEV_LOGIN: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let attempt = 0; attempt < 120; attempt++) {
    const ready = await fetch(`${baseURL}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { baseURL, server, dataDir };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  server.kill();
  throw new Error(`The server on ${baseURL} did not become healthy.`);
}

async function signedIn(baseURL: string, name: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  const { csrfToken } = await (await api.get("/api/auth/csrf")).json();
  const response = await api.post("/api/auth/callback/dev", { form: { csrfToken, name, json: "true" } });
  if (response.status() >= 400) throw new Error(`Could not sign in ${name}: ${response.status()}`);
  return api;
}

async function seed(baseURL: string): Promise<void> {
  const readers = await Promise.all(READERS.map((reader) => signedIn(baseURL, reader.name)));
  for (const [index, reader] of READERS.entries()) {
    for (const [proposal, stance] of Object.entries(reader.votes)) {
      const response = await readers[index]!.put(`/api/proposals/${proposal}/vote`, { data: { stance } });
      if (!response.ok()) throw new Error(`Vote failed: ${response.status()} ${await response.text()}`);
    }
  }
  const ids: number[] = [];
  for (const comment of THREAD) {
    const parentId = comment.replyTo === undefined ? undefined : ids[comment.replyTo];
    const response = await readers[comment.by]!.post("/api/sections/treaties/comments", {
      data: parentId ? { body: comment.body, parentId } : { body: comment.body },
    });
    if (response.status() !== 201) throw new Error(`Comment failed: ${response.status()} ${await response.text()}`);
    ids.push((await response.json()).comment.id);
  }
  await readers[2]!.post("/api/sections/geopolitics/comments", { data: { body: "The section on geopolitics deserves its own essay." } });
  await Promise.all(readers.map((reader) => reader.dispose()));
}

const own = process.env.SCREENSHOT_BASE_URL ? null : await startServer();
const baseURL = process.env.SCREENSHOT_BASE_URL ?? own!.baseURL;
mkdirSync("docs/screenshots", { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
});
try {
  if (own) await seed(baseURL);
  for (const { suffix, viewport, isMobile } of viewports) {
    const context = await browser.newContext({ baseURL, viewport, isMobile, deviceScaleFactor: 1, colorScheme: "light" });
    if (own) {
      // A reader who has voted, so the proposals show their tallies.
      const api = await signedIn(baseURL, READERS[0]!.name);
      await context.addCookies((await api.storageState()).cookies);
      await api.dispose();
    }
    const page = await context.newPage();
    for (const shot of shots) {
      await page.goto(shot.path);
      const file = `docs/screenshots/${shot.name}-${suffix}.png`;
      await page.screenshot({ path: file });
      console.log(file);
    }
    await context.close();
  }
} finally {
  await browser.close();
  if (own) {
    own.server.kill();
    rmSync(own.dataDir, { recursive: true, force: true });
  }
}
