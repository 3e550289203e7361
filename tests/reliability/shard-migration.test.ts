import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "@/db/connect";
import type { Database } from "@/db/database";
import { applyDatabaseFunctions, readDatabaseFunctionFiles, type DatabaseFunctionFile } from "@/db/database-functions";
import { applyMigrations, MIGRATIONS_DIR } from "@/db/migrate";
import { queryRows } from "@/db/raw-sql";
import { essays, proposals, sections } from "@/db/schema";
import { getLibrary } from "@/lib/content/essays";
import { loadResults } from "@/lib/results/load-results";
import { votesCsv } from "@/lib/results/votes-export";
import { voteInvariantViolations } from "@/support/invariants";
import { createTestDatabase, postgresServerAnswers } from "@/support/postgres-server";
import { seededRandom } from "@/support/seeded-random";
import { bruteForceResults, expectResultsMatchBruteForce } from "../support/results-brute-force";

// Issue 22: a database seeded before the aggregates were sharded (migration 0008) must read the same
// numbers after it. This test migrates a fresh database only up to 0007, with the vote function of that
// time (tests/fixtures/before-aggregate-shards/), votes through it, records every aggregate and the
// votes.csv export, then migrates to the head and compares: the aggregates summed over shards, the
// results the app serves (against a recount from the raw votes and history) and the export.

const SHARDED_MIGRATION = "0008_aggregate_shards";
const READERS = 120;
const EXPORT_SECRET = "shard-migration-test-secret";

const hasPostgres = await postgresServerAnswers();
if (!hasPostgres && process.env.CI) throw new Error("CI needs the PostgreSQL server for the shard migration test.");

/** drizzle/ with the journal cut before `migration`: what a database migrated before it was released had. */
function migrationsBefore(migration: string): { dir: string; dispose(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "agora-migrations-"));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((entry) => entry.tag === migration);
  if (cut < 0) throw new Error(`no migration ${migration} in the journal`);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(journalFile, JSON.stringify(journal));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Today's function files, with agora_set_vote as it was before the shards. */
function functionsBeforeShards(): DatabaseFunctionFile[] {
  const [before] = readDatabaseFunctionFiles(path.join(process.cwd(), "tests", "fixtures", "before-aggregate-shards"));
  return readDatabaseFunctionFiles().map((file) => (file.name === before!.name ? before! : file));
}

/** Every aggregate, keyed without its shard and summed over shards (before 0008 there is one row per key). */
async function aggregates(database: Database) {
  const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(database.db, query);
  return {
    tallies: await rows(sql`select proposal_id, sum(strongly_oppose)::int so, sum(oppose)::int o, sum(unsure)::int u, sum(support)::int s,
                               sum(strongly_support)::int ss, sum(shifted_toward_support)::int ts, sum(shifted_toward_oppose)::int t_o
                        from proposal_tallies group by proposal_id order by proposal_id`),
    daily: await rows(sql`select proposal_id, day::text, stance, sum(delta)::int delta from proposal_daily_deltas
                        group by proposal_id, day, stance having sum(delta) <> 0 order by 1, 2, 3`),
    pairs: await rows(sql`select proposal_a, proposal_b, stance_a, stance_b, sum(count)::int count from proposal_pair_counts
                        group by 1, 2, 3, 4 having sum(count) <> 0 order by 1, 2, 3, 4`),
    profiles: await rows(sql`select profile, sum(count)::int count from opinion_profile_counts group by 1 having sum(count) <> 0 order by 1`),
  };
}

/**
 * The content sync of that time (db/sync-content.ts before 0008): essays, sections and proposals as
 * today, and every proposal's one tally row and pair cells created up front (votes only updated them).
 */
async function syncContentBeforeShards(database: Database): Promise<void> {
  const library = getLibrary();
  for (const essay of library.essays) {
    await database.db.insert(essays).values({ slug: essay.slug, title: essay.title, publishedOn: essay.date, isHome: essay === library.home });
    for (const s of essay.sections) {
      await database.db.insert(sections).values({ id: s.id, essaySlug: s.essaySlug, title: s.title, position: s.position, level: s.level });
    }
    for (const p of essay.proposals) {
      await database.db
        .insert(proposals)
        .values({ id: p.id, essaySlug: p.essaySlug, sectionId: p.sectionId, title: p.title, summary: p.summary, position: p.position });
    }
  }
  await database.db.execute(sql`insert into proposal_tallies (proposal_id) select id from proposals`);
  await database.db.execute(sql`insert into proposal_pair_counts (proposal_a, proposal_b, stance_a, stance_b)
    select a.id, b.id, sa, sb from proposals a join proposals b on a.id collate "C" < b.id collate "C",
      generate_series(-2, 2) sa, generate_series(-2, 2) sb`);
}

async function exportRows(database: Database): Promise<string[]> {
  const lines: string[] = [];
  for await (const chunk of votesCsv(database.db, EXPORT_SECRET)) lines.push(...chunk.split("\n").filter(Boolean));
  return lines.sort();
}

describe.runIf(hasPostgres)("migrating a database voted on before the aggregate shards", () => {
  let fresh: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: Database;

  beforeAll(async () => {
    fresh = await createTestDatabase("agora_shard_migration");
    database = await connect({ driver: "postgres", url: fresh.url.toString(), max: 1 });
  });
  afterAll(async () => {
    await database?.close();
    await fresh?.drop();
  });

  it("reads the same tallies, deltas, cross-tabs, profiles, results and export after migration 0008", async () => {
    const before = migrationsBefore(SHARDED_MIGRATION);
    try {
      await migrate(database.db as never, { migrationsFolder: before.dir });
    } finally {
      before.dispose();
    }
    await applyDatabaseFunctions(database.db, functionsBeforeShards());
    const columns = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from information_schema.columns where table_name = 'proposal_tallies' and column_name = 'shard'`,
    );
    expect(columns[0]!.n, "the database is from before the shards").toBe(0);
    await syncContentBeforeShards(database);

    // Readers vote, change their minds and withdraw, through the function of that time.
    const client = new pg.Client({ connectionString: fresh.url.toString() });
    await client.connect();
    try {
      await client.query(`insert into users (id, name) select 'early-' || i, 'Early reader ' || i from generate_series(1, ${READERS}) i`);
      const proposals = (await client.query<{ id: string }>("select id from proposals where retired_at is null order by position")).rows.map((row) => row.id);
      const random = seededRandom(22);
      for (let round = 0; round < 3; round++) {
        for (let reader = 1; reader <= READERS; reader++) {
          for (const proposal of proposals) {
            if (random() < 0.3) continue;
            const stance = round === 2 && random() < 0.15 ? null : Math.floor(random() * 5) - 2;
            const { rows } = await client.query<{ outcome: string }>("select outcome from agora_set_vote($1, null, $2, $3, 1000)", [
              `early-${reader}`,
              proposal,
              stance,
            ]);
            expect(rows[0]!.outcome).toBe("ok");
          }
        }
      }
    } finally {
      await client.end();
    }
    const aggregatesBefore = await aggregates(database);
    const exportBefore = await exportRows(database);
    expect(aggregatesBefore.tallies.length).toBeGreaterThan(0);
    expect(exportBefore.length).toBeGreaterThan(READERS);

    await applyMigrations(database);

    const shardColumns = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from information_schema.columns where table_name = 'proposal_tallies' and column_name = 'shard'`,
    );
    expect(shardColumns[0]!.n).toBe(1);
    expect(await aggregates(database)).toEqual(aggregatesBefore);
    expect(await exportRows(database)).toEqual(exportBefore);
    expect(await voteInvariantViolations(database.db)).toEqual([]);
    expectResultsMatchBruteForce(await loadResults(database.db), await bruteForceResults(database.db));
  });
});
