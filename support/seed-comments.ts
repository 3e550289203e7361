import { sql } from "drizzle-orm";
import type { Db } from "@/db/database";

export interface SeedOptions {
  sectionId: string;
  /** Comments in all, top-level ones included. */
  comments: number;
  topLevel: number;
  /** Distinct authors (and upvoters). */
  readers?: number;
  /** Chance that a given reader upvoted a given comment. */
  upvoteRate?: number;
}

/**
 * Fills a section with threads in bulk SQL (seconds for 10,000 comments): `topLevel` threads, then
 * replies to random earlier comments (so threads of every shape and depth), upvotes from seeded
 * readers, and every counter set from a recount, as the app would have kept it.
 */
export async function seedDiscussion(db: Db, options: SeedOptions): Promise<void> {
  const { sectionId, comments: total, topLevel, readers = 50, upvoteRate = 0.05 } = options;
  const prefix = `seed-${sectionId}-`;
  await db.execute(sql`insert into users (id, name) select ${prefix} || i, 'Seed reader ' || i from generate_series(1, ${readers}) i on conflict do nothing`);
  await db.execute(sql`
    insert into comments (section_id, author_id, body, created_at)
    select ${sectionId}, ${prefix} || (i % ${readers} + 1), 'Top-level comment ' || i || ' with *some* Markdown and a [link](https://example.org/' || i || ').',
           now() - make_interval(secs => ${total} - i)
    from generate_series(1, ${topLevel}) i`);
  await db.execute(sql`update comments set root_id = id where section_id = ${sectionId} and parent_id is null and root_id is null`);
  for (let remaining = total - topLevel; remaining > 0;) {
    const batch = Math.min(remaining, 1000);
    await db.execute(sql`
      insert into comments (section_id, parent_id, root_id, depth, author_id, body)
      select p.section_id, p.id, p.root_id, p.depth + 1, ${prefix} || ((p.id * 7) % ${readers} + 1), 'A reply to ' || p.id || ': **agreed**, mostly.'
      from (select * from comments where section_id = ${sectionId} order by random() limit ${batch}) p`);
    remaining -= batch;
  }
  await db.execute(sql`
    insert into comment_upvotes (comment_id, user_id)
    select c.id, u.id from comments c cross join users u
    where c.section_id = ${sectionId} and u.id like ${`${prefix}%`} and u.id <> c.author_id and random() < ${upvoteRate}
    on conflict do nothing`);
  await db.execute(sql`
    update comments c set
      score = (select count(*) from comment_upvotes u where u.comment_id = c.id),
      reply_count = (select count(*) from comments r where r.parent_id = c.id and (r.deleted_at is null or r.reply_count > 0))
    where c.section_id = ${sectionId}`);
  await db.execute(sql`
    update sections s set comment_count = (select count(*) from comments c where c.section_id = s.id and c.deleted_at is null and c.hidden_at is null)
    where s.id = ${sectionId}`);
  await db.execute(sql`analyze comments`);
}
