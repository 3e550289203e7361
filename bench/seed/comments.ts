import { sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { queryRows } from "@/db/raw-sql";
import { seededRandom } from "@/support/seeded-random";

export interface SeededSection {
  id: string;
  comments: number;
  /** Ids of a few of its comments, to reply to. */
  sampleIds: number[];
}

export interface CommentSeed {
  /** The long discussion (10,000 comments in threads). */
  big: SeededSection;
  /** A short one (10 comments). */
  small: SeededSection;
  /** Where the write scenario posts, so the read scenarios keep their sizes. */
  write: SeededSection;
  total: number;
}

interface Row {
  id: number;
  parentId: number | null;
  rootId: number;
  depth: number;
  author: number;
  body: string;
  at: Date;
  upvoters: number[];
  replies: number;
}

const MAX_DEPTH = 6;
const WORDS = (
  "the a of and to in is that it for on as with this by be are not or but we they what if from more " +
  "AI model open source gains inequality access compute cluster government fund treaty weapon nation market " +
  "monopoly productivity data engineer worker wage policy risk safety trade chip GPU license public private " +
  "agree disagree evidence example history industrial revolution printing press tax dividend training"
).split(" ");

/**
 * Comments in every section, in threads (a quarter start a thread, the rest reply, mostly to recent
 * comments, at most six deep), with upvotes behind every score and consistent counters
 * (reply_count, sections.comment_count). Ids are written explicitly so parents and roots are known
 * without a round trip per comment. Deterministic.
 */
export async function seedComments(db: Db, readers: number, sizes = { big: 10_000, small: 10 }): Promise<CommentSeed> {
  const sections = await queryRows<{ id: string }>(db, sql`select id from sections where retired_at is null order by essay_slug, position`);
  const [firstProposal] = await queryRows<{ section_id: string }>(db, sql`select section_id from proposals where retired_at is null order by position limit 1`);
  const bigId = firstProposal?.section_id ?? sections[0]!.id;
  const smallId = sections.findLast((section) => section.id !== bigId)!.id;
  const random = seededRandom(7);
  const [start] = await queryRows<{ next: number }>(db, sql`select coalesce(max(id), 0)::int + 1 as next from comments`);
  let nextId = start!.next;
  const seeded: SeededSection[] = [];
  for (const { id } of sections) {
    const count = id === bigId ? sizes.big : id === smallId ? sizes.small : 20 + Math.floor(random() * 180);
    const rows = threads(count, nextId, readers, random);
    await insertComments(db, id, rows);
    seeded.push({ id, comments: count, sampleIds: rows.filter((_, i) => i % Math.ceil(count / 50) === 0).map((row) => row.id) });
    nextId += count;
  }
  await db.execute(
    sql`update sections s set comment_count = c.n from (select section_id, count(*)::int as n from comments group by section_id) c where s.id = c.section_id`,
  );
  await db.execute(sql`select setval(pg_get_serial_sequence('comments', 'id'), (select max(id) from comments))`);
  await db.execute(sql`analyze comments, comment_upvotes, sections`);
  const find = (id: string) => seeded.find((section) => section.id === id)!;
  return {
    big: find(bigId),
    small: find(smallId),
    write: seeded.find((section) => section.id !== bigId && section.id !== smallId)!,
    total: nextId - start!.next,
  };
}

function threads(count: number, firstId: number, readers: number, random: () => number): Row[] {
  const rows: Row[] = [];
  const begin = Date.now() - 30 * 24 * 3600 * 1000;
  const step = (30 * 24 * 3600 * 1000) / Math.max(count, 1);
  for (let i = 0; i < count; i++) {
    let parent: Row | null = null;
    if (i > 0 && random() >= 0.25) {
      // Mostly answer something recent (a live thread), sometimes an old comment.
      const index = random() < 0.6 ? rows.length - 1 - Math.floor(random() * Math.min(50, rows.length)) : Math.floor(random() * rows.length);
      parent = rows[index]!;
      if (parent.depth >= MAX_DEPTH) parent = rows[parent.parentId! - firstId]!;
    }
    const id = firstId + i;
    const author = 1 + Math.floor(random() * readers);
    const upvotes = Math.floor(random() ** 4 * 25);
    const upvoters = new Set<number>();
    while (upvoters.size < upvotes) upvoters.add(1 + Math.floor(random() * readers));
    upvoters.delete(author);
    rows.push({
      id,
      parentId: parent?.id ?? null,
      rootId: parent?.rootId ?? id,
      depth: parent ? parent.depth + 1 : 0,
      author,
      body: realisticBody(random),
      at: new Date(begin + i * step + random() * step),
      upvoters: [...upvoters],
      replies: 0,
    });
    if (parent) parent.replies++;
  }
  return rows;
}

/**
 * What readers write, not only short remarks: some comments run to several paragraphs, some quote code
 * whose lines are far wider than a phone (a horizontal scroll inside the block, never across the page),
 * some paste long links. Lighthouse audits the long discussion's page with these in it.
 */
function realisticBody(random: () => number): string {
  const parts = [sentence(8 + Math.floor(random() * 80), random)];
  const kind = random();
  if (kind < 0.06) for (let i = 0; i < 3; i++) parts.push(sentence(40 + Math.floor(random() * 60), random));
  else if (kind < 0.14) parts.push(codeBlock(random));
  else if (kind < 0.22) parts.push(`See ${longLink(random)} for the details.`);
  return parts.join("\n\n");
}

function codeBlock(random: () => number): string {
  const lines = Array.from({ length: 3 + Math.floor(random() * 8) }, (_, i) => {
    const args = Array.from({ length: 4 + Math.floor(random() * 12) }, () => `${WORDS[Math.floor(random() * WORDS.length)]}_value`).join(", ");
    return `${"  ".repeat(i % 3)}const result_${i} = compute_${WORDS[Math.floor(random() * WORDS.length)]}(${args}); // ${sentence(6, random)}`;
  });
  return ["```ts", ...lines, "```"].join("\n");
}

function longLink(random: () => number): string {
  const path = Array.from({ length: 6 + Math.floor(random() * 6) }, () => WORDS[Math.floor(random() * WORDS.length)]!.toLowerCase()).join("-");
  return `https://example.org/research/2026/${path}/${Math.floor(random() * 1e9)}?utm_source=agora&reference=${path.replace(/-/g, "_")}`;
}

function sentence(words: number, random: () => number): string {
  const text = Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

async function insertComments(db: Db, sectionId: string, rows: Row[]): Promise<void> {
  const reader = (n: number) => `bench-reader-${n}`;
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows
      .slice(i, i + 500)
      .map(
        (row) =>
          sql`(${row.id}, ${sectionId}, ${row.parentId}, ${row.rootId}, ${row.depth}, ${reader(row.author)}, ${row.body}, ${row.at.toISOString()}, ${row.upvoters.length}, ${row.replies})`,
      );
    await db.execute(sql`
      insert into comments (id, section_id, parent_id, root_id, depth, author_id, body, created_at, score, reply_count)
      overriding system value values ${sql.join(values, sql`, `)}`);
  }
  const upvotes = rows.flatMap((row) => row.upvoters.map((user) => sql`(${row.id}, ${reader(user)}, ${row.at.toISOString()})`));
  for (let i = 0; i < upvotes.length; i += 2000) {
    await db.execute(sql`insert into comment_upvotes (comment_id, user_id, created_at) values ${sql.join(upvotes.slice(i, i + 2000), sql`, `)}`);
  }
}

/**
 * `count` comments spread over every section for the growth databases, in one INSERT … SELECT: threads
 * of a top-level comment and three replies, by the growth readers, with scores from upvotes by them
 * (one row each), and the counters (reply_count, sections.comment_count) as the app keeps them.
 */
export async function seedBulkComments(db: Db, count: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      with s as (select id, row_number() over (order by essay_slug, position) - 1 as k, count(*) over () as total from sections where retired_at is null),
      readers as (select count(*) as total from users where id like 'growth-%'),
      generated as (
        select n, n - n % 4 as root, s.id as section_id
        from generate_series(4, ${count}::bigint + 3) n
        join s on s.k = ((n - n % 4) / 4) % s.total
      )
      insert into comments (id, section_id, parent_id, root_id, depth, author_id, body, created_at, score, reply_count)
      overriding system value
      select n + 1000000000, section_id,
             case when n % 4 = 0 then null else root + 1000000000 end,
             root + 1000000000,
             case when n % 4 = 0 then 0 else 1 end,
             'growth-' || (n * 7919 % (select total from readers)),
             'Growth comment ' || n || ': a thought on this section, with enough words to be a sentence.',
             now() - (${count}::bigint - n) * interval '1 second',
             0, case when n % 4 = 0 then 3 else 0 end
      from generated`);
    // A few upvotes per thread, so "top" has an order to find (scores follow their rows, as the app keeps them).
    await tx.execute(sql`
      insert into comment_upvotes (comment_id, user_id, created_at)
      select c.id, 'growth-' || u, now() from comments c cross join generate_series(1, (c.id % 5)::int) u
      where c.id > 1000000000 and c.parent_id is null and 'growth-' || u <> c.author_id and exists (select 1 from users where id = 'growth-' || u)`);
    await tx.execute(
      sql`update comments c set score = n from (select comment_id, count(*)::int as n from comment_upvotes group by comment_id) u where u.comment_id = c.id`,
    );
    await tx.execute(sql`
      update sections s set comment_count = c.n
      from (select section_id, count(*)::int as n from comments group by section_id) c where s.id = c.section_id`);
  });
  await db.execute(sql`select setval(pg_get_serial_sequence('comments', 'id'), (select max(id) from comments))`);
  await db.execute(sql`analyze comments, comment_upvotes, sections`);
}
