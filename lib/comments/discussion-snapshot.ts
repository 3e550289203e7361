import type { Db } from "@/db/database";
import { instanceWrites } from "@/lib/instance-writes";
import { listProposals, type ProposalSummary } from "@/lib/votes/queries";
import { loadThreadRows, type ThreadRows } from "./queries";
import { listDiscussionSections, type DiscussionSection } from "./sections";

/**
 * How old a shared discussion snapshot may be when served. Readers are promised other readers' comments
 * within a second or two; one second keeps inside that while a busy instance reads every section's
 * preview about once a second instead of ten statements per request (most of the essay's cost). A write
 * made on this instance drops the snapshot at once, and a reader who wrote anywhere since it was loaded
 * is served fresh (lib/comments/shared-threads.ts), so their own comment, upvote or vote shows at once.
 */
export const DISCUSSION_MAX_AGE_MS = 1_000;

/** A shared value and when its load started (what it may have missed is what was written after that). */
export interface Shared<T> {
  value: T;
  loadedAt: number;
}

interface Slot {
  startedAt: number;
  generation: number;
  value: Promise<Shared<unknown>>;
}

// On globalThis like the database handle (db/client.ts): Next bundles route handlers and pages apart,
// each with its own copy of this module. Per database handle: tests open several in one process.
// Comment writes drop every section's rows and votes drop the tallies (lib/instance-writes.ts).
const globalForSnapshot = globalThis as typeof globalThis & { __agoraDiscussionSlots?: WeakMap<object, Map<string, Slot>> };
const slotsByDb = (globalForSnapshot.__agoraDiscussionSlots ??= new WeakMap());

/**
 * `key`'s value for `db`, shared by every request of this instance within DISCUSSION_MAX_AGE_MS and
 * until the next write here. Concurrent callers share one load in flight (no stampede when it expires
 * under load); a failed load is not kept, so the next request tries again.
 */
function shared<T>(db: Db, key: string, generation: number, load: () => Promise<T>, now = Date.now()): Promise<Shared<T>> {
  let slots = slotsByDb.get(db);
  if (!slots) slotsByDb.set(db, (slots = new Map()));
  const slot = slots.get(key);
  if (slot && slot.generation === generation && now - slot.startedAt < DISCUSSION_MAX_AGE_MS) return slot.value as Promise<Shared<T>>;
  const value = load().then((loaded) => ({ value: loaded, loadedAt: now }));
  const fresh: Slot = { startedAt: now, generation, value };
  slots.set(key, fresh);
  value.catch(() => {
    if (slots.get(key) === fresh) slots.delete(key);
  });
  return value;
}

/** Every current section with its comment count and lock, as the contents and the discussions show them. */
export const sharedSections = (db: Db): Promise<Shared<DiscussionSection[]>> =>
  shared(db, "sections", instanceWrites.discussions, () => listDiscussionSections(db));

/** The proposals with their tallies, for no reader in particular (myStance null). */
export const sharedProposals = (db: Db): Promise<Shared<ProposalSummary[]>> => shared(db, "proposals", instanceWrites.tallies, () => listProposals(db, null));

/** The first `limit` top threads of a section, loaded for no actor: myUpvote false, no revisions. */
export const sharedTopThreads = (db: Db, sectionId: string, limit: number): Promise<Shared<ThreadRows>> =>
  shared(db, `top:${limit}:${sectionId}`, instanceWrites.discussions, () => loadThreadRows(db, null, sectionId, { sort: "top", limit }));

/** After a comment write on this instance (post, edit, delete, upvote, report, moderation): the next request reloads. */
export function forgetDiscussions(): void {
  instanceWrites.discussions++;
}

/** After a vote on this instance: the next request reads the tallies again. */
export function forgetTallies(): void {
  instanceWrites.tallies++;
}

/** Runs a comment write and then drops this instance's discussion snapshot, whether the write went through or not. */
export async function forgettingDiscussions<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } finally {
    forgetDiscussions();
  }
}
