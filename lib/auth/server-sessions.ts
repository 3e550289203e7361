import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/database";
import { sessions } from "@/db/schema";

/**
 * Sessions the server can end. The cookie stays a JWT (any instance reads it without a lookup of its
 * own), but it names a row here (`sid`), and the query that loads the reader on every request — and
 * the vote's and comment's single statements — require that row to be live. So sign-out ends a copied
 * cookie too, "sign out everywhere" and an admin end every session of a reader at once, and no session
 * outlives 30 days from sign-in however often `/api/auth/session` re-issues its cookie.
 */

/** A session's absolute lifetime from sign-in; the database refuses a row that would outlive it. */
export const SESSION_LIFETIME_SECONDS = 30 * 24 * 60 * 60;

/** Ended or expired rows older than this are deleted now and then: they only ever refuse. */
const KEEP_DEAD_SESSIONS_SECONDS = 7 * 24 * 60 * 60;
const PRUNE_BATCH = 500;

/** The SQL condition "session `sessionId` of user `userId` is live", for the statements that check writers. */
export const liveSessionSql = (sessionId: string, userId: unknown) =>
  sql`exists (select 1 from ${sessions} where ${sessions.id} = ${sessionId} and ${sessions.userId} = ${userId} and ${sessions.endedAt} is null and ${sessions.expiresAt} > now())`;

/** Starts a session for `userId` (a sign-in by `provider`); returns its id for the cookie's `sid`. */
export async function createServerSession(db: DbOrTx, userId: string, provider: string): Promise<string> {
  const [row] = await db
    .insert(sessions)
    .values({ userId, provider, expiresAt: sql`now() + make_interval(secs => ${SESSION_LIFETIME_SECONDS})` })
    .returning({ id: sessions.id });
  // A sign-in is rare next to reads: the short straw prunes a bounded batch of dead rows.
  if (Math.random() < 0.05) await pruneDeadSessions(db);
  return row!.id;
}

/** Ends one session (sign-out). Ending an ended or unknown session changes nothing. */
export async function endServerSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db
    .update(sessions)
    .set({ endedAt: sql`now()` })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

/** Ends every live session of a reader ("sign out everywhere", or an admin); returns how many. */
export async function endUserSessions(db: DbOrTx, userId: string): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ endedAt: sql`now()` })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt), sql`${sessions.expiresAt} > now()`))
    .returning({ id: sessions.id });
  return ended.length;
}

/** How many sessions of a reader are live (signed-in browsers and scripts). */
export async function countLiveSessions(db: DbOrTx, userId: string): Promise<number> {
  return db.$count(sessions, and(eq(sessions.userId, userId), isNull(sessions.endedAt), sql`${sessions.expiresAt} > now()`));
}

async function pruneDeadSessions(db: DbOrTx): Promise<void> {
  const cutoff = sql`now() - make_interval(secs => ${KEEP_DEAD_SESSIONS_SECONDS})`;
  const dead = db
    .select({ id: sessions.id })
    .from(sessions)
    .where(sql`${lt(sessions.expiresAt, cutoff)} or ${lt(sessions.endedAt, cutoff)}`)
    .limit(PRUNE_BATCH);
  await db.delete(sessions).where(sql`${sessions.id} in (${dead})`);
}
