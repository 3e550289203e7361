// npm run worker [-- --once] [-- --every 30] [-- --lease-seconds 120]
// The notification email sender for self-hosted Agora: one pass every `--every` seconds (or one pass
// with --once), against the configured database (POSTGRES_URL, DATABASE_URL or the embedded one — the
// embedded database allows one process at a time, so stop the server first). Serverless deployments
// use the cron route /api/cron/notifications instead; any number of workers and crons may run at once.
import { parseArgs } from "node:util";
import { z } from "zod";
import { connectionConfigFromEnv, openDatabase } from "../db/client";
import { getEnv } from "../lib/env";
import { sendNotificationEmails } from "../lib/notifications/sender";
import { senderOptionsFromEnv } from "../lib/notifications/sender-config";

const args = z
  .object({
    once: z.boolean().default(false),
    every: z.coerce.number().int().min(1).max(3600).default(30),
    "lease-seconds": z.coerce.number().int().min(1).max(3600).default(120),
  })
  .parse(parseArgs({ options: { once: { type: "boolean" }, every: { type: "string" }, "lease-seconds": { type: "string" } } }).values);

const configured = senderOptionsFromEnv(getEnv());
if ("missing" in configured) {
  console.error(`worker: ${configured.missing}`);
  process.exit(2);
}
const options = { ...configured.options, leaseSeconds: args["lease-seconds"] };
const database = await openDatabase(connectionConfigFromEnv());
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => (stopping = true));

try {
  do {
    // Drain what is due now, a bounded pass at a time, then wait.
    for (;;) {
      const run = await sendNotificationEmails(database.db, options);
      if (run.emails + run.skipped + run.failed > 0) console.log(`worker: ${JSON.stringify(run)}`);
      if (run.emails + run.skipped + run.failed === 0 || stopping) break;
    }
    if (args.once || stopping) break;
    await new Promise((resolve) => setTimeout(resolve, args.every * 1000));
  } while (!stopping);
} finally {
  await database.close();
}
