import { sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { createComment } from "@/lib/comments/write";
import { setSectionLocked } from "@/lib/moderation/moderate";
import { limitsFromEnv } from "@/lib/rate-limit";
import { setVote } from "@/lib/votes/cast-vote";
import { DEEP_REPLY_BODIES, DEEP_THREAD_DEPTH, REALISTIC_AUTHORS, REALISTIC_COMMENTS } from "./realistic-content";
import { seedDiscussion } from "./seed-comments";

/** Seeding writes faster than any reader: the limits are proven elsewhere (tests/integration). */
const SEED_LIMITS = { limits: { ...limitsFromEnv(), commentsPerMinute: 1_000_000, commentsPerDay: 1_000_000, votesPerMinute: 1_000_000 } };

/** The user id a realistic author is seeded under (stable, so specs can sign in as them or ban them). */
export const realisticAuthorId = (index: number) => `realistic-author-${index}`;

export interface RealisticDiscussion {
  /** Ids of REALISTIC_COMMENTS, in order, then of the deep thread, outermost first. */
  commentIds: number[];
  deepestId: number;
}

/**
 * Posts REALISTIC_COMMENTS and a DEEP_THREAD_DEPTH-deep thread into a section through the app's own
 * write path (createComment: the same rules and rendering as the API), by authors whose names are
 * inserted directly, since OAuth names (unlike the 40-character development login) can be 64 long.
 */
export async function seedRealisticDiscussion(db: Db, sectionId: string): Promise<RealisticDiscussion> {
  for (const [index, name] of REALISTIC_AUTHORS.entries()) {
    await db.execute(sql`insert into users (id, name) values (${realisticAuthorId(index)}, ${name}) on conflict (id) do update set name = excluded.name`);
  }
  const commentIds: number[] = [];
  for (const comment of REALISTIC_COMMENTS) {
    const parentId = comment.replyTo === undefined ? undefined : commentIds[comment.replyTo];
    const created = await createComment(db, { id: realisticAuthorId(comment.by) }, { sectionId, body: comment.body, parentId }, SEED_LIMITS);
    commentIds.push(created.id);
  }
  let parentId: number | undefined;
  for (let depth = 0; depth < DEEP_THREAD_DEPTH; depth++) {
    const body = `${depth === 0 ? "A thread that goes deep. " : ""}${DEEP_REPLY_BODIES[depth % DEEP_REPLY_BODIES.length]}`;
    const author = { id: realisticAuthorId(depth % REALISTIC_AUTHORS.length) };
    parentId = (await createComment(db, author, { sectionId, body, parentId }, SEED_LIMITS)).id;
    commentIds.push(parentId);
  }
  return { commentIds, deepestId: parentId! };
}

/**
 * The results' edge cases on the three proposals, each through the way it really arises: none on one,
 * a single vote cast through the app on another, and a million on the third, written straight into the
 * aggregates the results are served from (shard 0 of each sharded counter; lib/results/load-results.ts
 * never scans votes), so seeding
 * takes a moment instead of inserting a million users.
 */
export async function seedVoteExtremes(db: Db, proposals: { none: string; one: string; million: string }): Promise<void> {
  await setVote(db, { id: realisticAuthorId(0) }, proposals.one, 1, SEED_LIMITS);
  // 1,000,000 in all, spread over the five stances and two days so the trend has a line to draw.
  const counts = { "-2": 120_000, "-1": 180_000, "0": 100_000, "1": 350_000, "2": 250_000 };
  await db.execute(sql`
    insert into proposal_tallies (proposal_id, strongly_oppose, oppose, unsure, support, strongly_support, shifted_toward_support, shifted_toward_oppose)
    values (${proposals.million}, ${counts["-2"]}, ${counts["-1"]}, ${counts["0"]}, ${counts["1"]}, ${counts["2"]}, 40000, 25000)
    on conflict (proposal_id, shard) do update set strongly_oppose = excluded.strongly_oppose, oppose = excluded.oppose, unsure = excluded.unsure,
      support = excluded.support, strongly_support = excluded.strongly_support,
      shifted_toward_support = excluded.shifted_toward_support, shifted_toward_oppose = excluded.shifted_toward_oppose`);
  for (const [stance, count] of Object.entries(counts)) {
    const firstDay = Math.round(count * 0.6);
    await db.execute(sql`
      insert into proposal_daily_deltas (proposal_id, day, stance, delta) values
        (${proposals.million}, current_date - 1, ${Number(stance)}, ${firstDay}),
        (${proposals.million}, current_date, ${Number(stance)}, ${count - firstDay})
      on conflict do nothing`);
  }
}

export interface ContentStates {
  realistic: RealisticDiscussion;
}

/**
 * Everything the content e2e server starts with (scripts/seed-e2e-content.ts): the realistic discussion
 * in `realistic`, 10,000 comments in `large`, a locked one in `locked` (with the realistic content too,
 * so its read-only view is checked with real comments), and the vote extremes. Other sections stay empty.
 */
export async function seedContentStates(
  db: Db,
  sections: { realistic: string; large: string; locked: string },
  proposals: { none: string; one: string; million: string },
): Promise<ContentStates> {
  const realistic = await seedRealisticDiscussion(db, sections.realistic);
  await seedRealisticDiscussion(db, sections.locked);
  await db.execute(sql`insert into users (id, name, role) values ('realistic-moderator', 'Realistic Moderator', 'admin') on conflict do nothing`);
  const moderator = { id: "realistic-moderator", name: "Realistic Moderator", image: null, role: "admin" as const, banReason: null };
  await setSectionLocked(db, moderator, { sectionId: sections.locked, locked: true, reason: "A locked discussion, for the checks." });
  await seedDiscussion(db, { sectionId: sections.large, comments: 10_000, topLevel: 2_000 });
  await seedVoteExtremes(db, proposals);
  return { realistic };
}
