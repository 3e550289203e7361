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
      insert into votes (user_id, proposal_id, stance, first_stance, created_at, updated_at)
      select user_id, proposal_id, stance, stance, at, at from chosen
      returning user_id, proposal_id, stance, created_at)
    insert into vote_events (user_id, proposal_id, old_stance, new_stance, at)
    select user_id, proposal_id, null, stance, created_at from inserted`);
}

/**
 * Sets every results aggregate to a recount of the votes and their history — what the vote function
 * (agora_set_vote) maintains incrementally: tallies and shift counters, daily deltas, pair cross-tabs,
 * opinion profiles. Ids are ordered in byte order (COLLATE "C") as there, whatever the database's collation.
 * The recount lands in shard 0 and the other shards go (a sharded counter reads the sum of its shards).
 */
export async function recountTallies(db: DbOrTx): Promise<void> {
  await db.execute(sql`delete from proposal_tallies where shard <> 0`);
  await db.execute(sql`delete from proposal_pair_counts where shard <> 0`);
  await db.execute(sql`delete from proposal_daily_deltas`);
  await db.execute(sql`
    insert into proposal_daily_deltas (proposal_id, day, stance, delta)
    select proposal_id, day, stance, sum(delta)::int from (
      select proposal_id, (at at time zone 'utc')::date as day, new_stance as stance, 1 as delta from vote_events where new_stance is not null
      union all
      select proposal_id, (at at time zone 'utc')::date, old_stance, -1 from vote_events where old_stance is not null) d
    group by 1, 2, 3`);
  await db.execute(sql`
    update proposal_pair_counts c set count = coalesce(r.n, 0)
    from proposal_pair_counts k
    left join (select a.proposal_id as pa, b.proposal_id as pb, a.stance as sa, b.stance as sb, count(*)::int as n
               from votes a join votes b on b.user_id = a.user_id and a.proposal_id collate "C" < b.proposal_id collate "C"
               group by 1, 2, 3, 4) r
      on r.pa = k.proposal_a and r.pb = k.proposal_b and r.sa = k.stance_a and r.sb = k.stance_b
    where c.proposal_a = k.proposal_a and c.proposal_b = k.proposal_b and c.stance_a = k.stance_a and c.stance_b = k.stance_b`);
  await db.execute(sql`delete from opinion_profile_counts`);
  await db.execute(sql`
    insert into opinion_profile_counts (profile, count)
    select profile, count(*)::int from (
      select v.user_id,
             string_agg(v.proposal_id || ':' || case when v.stance > 0 then 'support' when v.stance < 0 then 'oppose' else 'unsure' end, '|' order by v.proposal_id collate "C") as profile
      from votes v join proposals p on p.id = v.proposal_id and p.retired_at is null
      group by v.user_id
      having count(*) = (select count(*) from proposals where retired_at is null)) r
    group by profile`);
  await db.execute(sql`
    update proposal_tallies t
    set strongly_oppose = c.so, oppose = c.o, unsure = c.u, support = c.s, strongly_support = c.ss,
        shifted_toward_support = c.up, shifted_toward_oppose = c.down, updated_at = now()
    from (select p.id,
                 count(v.*) filter (where v.stance = -2) as so, count(v.*) filter (where v.stance = -1) as o,
                 count(v.*) filter (where v.stance = 0) as u, count(v.*) filter (where v.stance = 1) as s,
                 count(v.*) filter (where v.stance = 2) as ss,
                 count(v.*) filter (where v.stance > v.first_stance) as up, count(v.*) filter (where v.stance < v.first_stance) as down
          from proposals p left join votes v on v.proposal_id = p.id group by p.id) c
    where t.proposal_id = c.id`);
}

export async function countVotes(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from votes`);
  return row?.n ?? 0;
}
