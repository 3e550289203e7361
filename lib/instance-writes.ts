/**
 * What this instance has written, as counters: each comment write (post, edit, delete, upvote, report,
 * moderation) bumps `discussions`, each vote bumps `tallies`. Whatever was derived from the database
 * before a bump (the discussion snapshot, a cached anonymous page) is stale after it.
 *
 * On globalThis like the database handle (db/client.ts): Next bundles the proxy, route handlers and pages
 * apart, each with its own copy of this module, and a comment posted through the API must reach them all.
 */
export interface InstanceWrites {
  discussions: number;
  tallies: number;
}

const globalForWrites = globalThis as typeof globalThis & { __agoraInstanceWrites?: InstanceWrites };

export const instanceWrites: InstanceWrites = (globalForWrites.__agoraInstanceWrites ??= { discussions: 0, tallies: 0 });
