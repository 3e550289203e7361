import { sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/database";
import { queryRows } from "@/db/raw-sql";

// Votes are seeded in SQL, in bulk, but kept as consistent as the app keeps them: each vote is inserted
// together with its history event (one statement), and the tallies are recounted afterwards.

/** The development-login name of seeded reader n (1-based): signing in with it finds the seeded user. */
export const readerName = (n: number) => `Reader ${String(n).padStart(4, "0")}`;

/**
 * `count` readers (users with a development-login account), each voting on each proposal with
 * probability 0.8; stances lean differently per proposal. Deterministic (setseed).
 */
export async function seedReadersWithVotes(db: Db, count: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select setseed(0.42)`);
    await tx.execute(sql`
      insert into users (id, name, created_at)
      select 'bench-reader-' || n, 'Reader ' || lpad(n::text, 4, '0'), now() - n * interval '10 minutes'
      from generate_series(1, ${count}::int) n`);
    // The development login's account key is the lower-cased name (lib/auth/config.ts devNameKey).
    await tx.execute(sql`
      insert into accounts (user_id, type, provider, provider_account_id)
      select id, 'credentials', 'dev', lower(name) from users where id like 'bench-reader-%'`);
    await insertVotesWithEvents(
      tx,
      sql`select u.id as user_id, p.id as proposal_id,
                 greatest(-2, least(2, round((random() + random() + random() - 1.5) * 2
                   + case p.position % 3 when 0 then 0.6 when 1 then 0 else -0.5 end)))::smallint as stance,
                 now() - random() * interval '30 days' as at
          from users u cross join proposals p
          where u.id like 'bench-reader-%' and p.retired_at is null and random() < 0.8`,
    );
  });
  await recountTallies(db);
}

/**
 * Readers `from`..`to` (exclusive) of the growth database, three votes each (one per proposal), in one
 * INSERT … SELECT over generate_series per table: a million votes take well under a minute.
 */
export async function seedBulkVotes(db: Db, fromVote: number, toVote: number): Promise<void> {
  const proposalCount = sql`(select count(*) from proposals where retired_at is null)`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into users (id, name)
      select 'growth-' || r, 'Growth reader ' || r
      from generate_series(${fromVote}::bigint / ${proposalCount}, (${toVote}::bigint - 1) / ${proposalCount}) r
      on conflict (id) do nothing`);
    await insertVotesWithEvents(
      tx,
      sql`select 'growth-' || (n / k.count) as user_id, p.id as proposal_id,
                 (floor(random() * 5) - 2)::smallint as stance, now() - random() * interval '90 days' as at
          from generate_series(${fromVote}::bigint, ${toVote}::bigint - 1) n
          cross join (select ${proposalCount} as count) k
          join (select id, row_number() over (order by position) - 1 as k from proposals where retired_at is null) p on p.k = n % k.count`,
    );
  });
  await recountTallies(db);
  await db.execute(sql`analyze users, votes, vote_events, proposal_tallies`);
}

/** `rows` has columns user_id, proposal_id, stance, at: each becomes a vote and its first history event. */
async function insertVotesWithEvents(tx: DbOrTx, rows: SQL): Promise<void> {
  await tx.execute(sql`
    with chosen as (${rows}),
    inserted as (
      insert into votes (user_id, proposal_id, stance, created_at, updated_at)
      select user_id, proposal_id, stance, at, at from chosen
      returning user_id, proposal_id, stance, created_at)
    insert into vote_events (user_id, proposal_id, old_stance, new_stance, at)
    select user_id, proposal_id, null, stance, created_at from inserted`);
}

/** Sets every tally to a recount of the votes: what the vote transaction maintains incrementally. */
export async function recountTallies(db: DbOrTx): Promise<void> {
  await db.execute(sql`
    update proposal_tallies t
    set strongly_oppose = c.so, oppose = c.o, unsure = c.u, support = c.s, strongly_support = c.ss, updated_at = now()
    from (select p.id,
                 count(v.*) filter (where v.stance = -2) as so, count(v.*) filter (where v.stance = -1) as o,
                 count(v.*) filter (where v.stance = 0) as u, count(v.*) filter (where v.stance = 1) as s,
                 count(v.*) filter (where v.stance = 2) as ss
          from proposals p left join votes v on v.proposal_id = p.id group by p.id) c
    where t.proposal_id = c.id`);
}

export async function countVotes(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from votes`);
  return row?.n ?? 0;
}
