import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { HIGH_RATE_LIMITS } from "./support/app-server";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    // Other features' suites write fast; the moderation suites prove the default limits explicitly.
    env: HIGH_RATE_LIMITS,
    // Each file opens real databases (PGlite instances, fresh PostgreSQL databases): two at a time
    // fits the 2-core machines this runs on.
    pool: "forks",
    maxWorkers: 2,
    // Generous: a few tests spawn CLIs or servers, and CI machines are shared. Speed lives in `npm run bench`.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
