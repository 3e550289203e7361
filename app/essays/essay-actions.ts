import { submitVote } from "@/app/proposals/actions";
import { discussionActions } from "@/app/sections/[id]/discussion-actions";

/** The server actions an essay page's forms post to: votes and the sections' discussions. */
export const essayActions = { submitVote, discussion: discussionActions };
