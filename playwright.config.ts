import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
export const baseURL = `http://127.0.0.1:${PORT}`;
/** A second server, seeded before it starts with the realistic and extreme content (e2e/content-states.ts). */
const CONTENT_PORT = Number(process.env.E2E_CONTENT_PORT ?? PORT + 1);
export const contentBaseURL = `http://127.0.0.1:${CONTENT_PORT}`;

/** The production server under test: embedded database, development login on, admin "Author Ana". */
export const E2E_SERVER_ENV = {
  PGLITE_DATA_DIR: ".data/e2e",
  DATABASE_URL: "",
  POSTGRES_URL: "",
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: "agora-e2e-secret-0123456789abcdef",
  AUTH_URL: baseURL,
  AUTH_DEV_LOGIN: "1",
  ADMIN_DEV_NAMES: "Author Ana",
  // The specs sign in many readers from one IP and write quickly; the default limits are proven by
  // the integration and HTTP suites.
  RATE_LIMIT_COMMENTS_PER_MINUTE: "1000",
  RATE_LIMIT_EDITS_PER_MINUTE: "1000",
  RATE_LIMIT_VOTES_PER_MINUTE: "1000",
  RATE_LIMIT_UPVOTES_PER_MINUTE: "1000",
  RATE_LIMIT_REPORTS_PER_HOUR: "1000",
  RATE_LIMIT_SIGNINS_PER_MINUTE: "1000",
};

// A production build on the embedded database, in a data directory wiped for each run.
// E2E_SKIP_BUILD=1 reuses the last build while iterating on specs.
const build = process.env.E2E_SKIP_BUILD ? "" : "node_modules/.bin/next build && ";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 30_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
    // Debian's Chromium: never a downloaded browser.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  // Started one after the other: the first builds, the second reuses that build.
  webServer: [
    {
      command: `rm -rf .data/e2e && ${build}exec node_modules/.bin/next start -p ${PORT} -H 127.0.0.1`,
      url: `${baseURL}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: E2E_SERVER_ENV,
    },
    {
      // Seeded by a script before `next start` (bulk SQL and the app's own write path), so 10,000
      // comments and a million votes take seconds, and no spec has to write them through HTTP.
      command: `rm -rf .data/e2e-content && node_modules/.bin/tsx scripts/seed-e2e-content.ts && exec node_modules/.bin/next start -p ${CONTENT_PORT} -H 127.0.0.1`,
      url: `${contentBaseURL}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: { ...E2E_SERVER_ENV, PGLITE_DATA_DIR: ".data/e2e-content", AUTH_URL: contentBaseURL },
    },
  ],
});
