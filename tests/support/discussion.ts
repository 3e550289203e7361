import { sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { queryRows } from "@/db/raw-sql";
import { findOrCreateDevUser, type Actor, type Role } from "@/lib/auth/users";

/** A reader (or admin) as the domain functions receive them after the write guard. */
export async function createActor(db: Db, name: string, role: Role = "reader"): Promise<Actor> {
  const user = await findOrCreateDevUser(db, name);
  return { id: user.id, name: user.name ?? name, image: null, role, banReason: null };
}

export interface CounterMismatch {
  kind: "section comments" | "score" | "replies";
  id: string;
  stored: number;
  counted: number;
}

/**
 * Every maintained counter next to a recount from the rows: sections.comment_count (visible
 * comments), comments.score (upvotes) and comments.reply_count (replies still shown). Empty = all equal.
 */
export async function counterMismatches(db: Db): Promise<CounterMismatch[]> {
  const rows = await queryRows<CounterMismatch>(
    db,
    sql`select * from (
          select 'section comments' as kind, s.id as id, s.comment_count as stored,
                 (select count(*) from comments c where c.section_id = s.id and c.deleted_at is null and c.hidden_at is null)::int as counted
          from sections s
          union all
          select 'score', c.id::text, c.score, (select count(*) from comment_upvotes u where u.comment_id = c.id)::int
          from comments c
          union all
          select 'replies', c.id::text, c.reply_count,
                 (select count(*) from comments r where r.parent_id = c.id and (r.deleted_at is null or r.reply_count > 0))::int
          from comments c
        ) recount where stored <> counted`,
  );
  return rows.map((row) => ({ ...row, stored: Number(row.stored), counted: Number(row.counted) }));
}
