import { readFileSync } from "node:fs";
import { z } from "zod";

/**
 * Where the content e2e server (playwright.config.ts, seeded by scripts/seed-e2e-content.ts) keeps
 * each state the validity, accessibility and layout specs check. Sections not named here stay empty.
 */
export const CONTENT_STATES = {
  sections: { realistic: "treaties", large: "geopolitics", locked: "open-source", empty: "finally" },
  /** Results: no votes, one vote, a million votes. */
  proposals: { none: "open-source", one: "government-funding", million: "treaties" },
} as const;

/** What the seed script wrote down for the specs: the ids the database gave the realistic comments. */
export const CONTENT_SEED_FILE = ".data/e2e-content-seed.json";

const contentSeedSchema = z.object({ firstCommentId: z.number().int(), deepestCommentId: z.number().int() });
export type ContentSeed = z.infer<typeof contentSeedSchema>;

export function readContentSeed(): ContentSeed {
  return contentSeedSchema.parse(JSON.parse(readFileSync(CONTENT_SEED_FILE, "utf8")));
}
