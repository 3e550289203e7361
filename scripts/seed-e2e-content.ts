// Seeds the content e2e server's embedded database before it starts (playwright.config.ts): the
// realistic discussion, 10,000 comments, a locked discussion and the vote extremes, and writes down the
// ids the specs link to. It runs before `next start`, never beside it: one process per PGlite directory.
import { writeFileSync } from "node:fs";
import { connectionConfigFromEnv, openDatabase } from "../db/client";
import { CONTENT_SEED_FILE, CONTENT_STATES, type ContentSeed } from "../e2e/content-states";
import { seedContentStates } from "../support/realistic-seed";

const started = Date.now();
const database = await openDatabase(connectionConfigFromEnv());
try {
  const { realistic } = await seedContentStates(database.db, CONTENT_STATES.sections, CONTENT_STATES.proposals);
  const seed: ContentSeed = { firstCommentId: realistic.commentIds[0]!, deepestCommentId: realistic.deepestId };
  writeFileSync(process.env.CONTENT_SEED_FILE ?? CONTENT_SEED_FILE, JSON.stringify(seed));
  console.log(`seed-e2e-content: seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await database.close();
}
