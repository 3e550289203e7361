import type { DiscussionActions } from "@/components/comments/discussion-actions";
import { commentActions } from "./comment-actions";
import { loadThreads } from "./load-threads";

/** Everything a discussion panel posts to; kept apart from comment-actions.ts, which loadThreads itself needs. */
export const discussionActions: DiscussionActions = { ...commentActions, loadThreads };
