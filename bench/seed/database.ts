import { sql } from "drizzle-orm";
import { queryRows } from "@/db/raw-sql";
import { voteInvariantViolations } from "@/support/invariants";
import type { BenchDatabase } from "../harness/databases";
import { seedComments, type CommentSeed } from "./comments";
import { countVotes, seedReadersWithVotes } from "./votes";

export const SEED_READERS = 2_000;

export interface SeedSummary {
  readers: number;
  votes: number;
  comments: number;
  proposalIds: string[];
  sections: CommentSeed;
  seconds: number;
}

/**
 * The realistic data set: the essay's 3 proposals, 2,000 readers who voted, comments in all 10
 * sections (10,000 in one). Opened and closed here, before any server opens it (PGlite: one process).
 */
export async function seedDatabase(target: BenchDatabase): Promise<SeedSummary> {
  const started = Date.now();
  const database = await target.open();
  try {
    await seedReadersWithVotes(database.db, SEED_READERS);
    const sections = await seedComments(database.db, SEED_READERS);
    const problems = await voteInvariantViolations(database.db);
    if (problems.length > 0) throw new Error(`The seeded votes are inconsistent:\n${problems.slice(0, 5).join("\n")}`);
    const proposals = await queryRows<{ id: string }>(database.db, sql`select id from proposals where retired_at is null order by position`);
    return {
      readers: SEED_READERS,
      votes: await countVotes(database.db),
      comments: sections.total,
      proposalIds: proposals.map((row) => row.id),
      sections,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await database.close();
  }
}

/** After the load: do the vote invariants (tally = recount, history replays to the votes) still hold? */
export async function checkVotesAfterLoad(target: BenchDatabase): Promise<string[]> {
  const database = await target.open();
  try {
    return await voteInvariantViolations(database.db);
  } finally {
    await database.close();
  }
}
