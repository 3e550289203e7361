import type { CommentActions } from "@/components/comments/discussion-actions";
import { postComment, removeComment, reportCommentAction, saveCommentEdit, toggleUpvote } from "./actions";

/** The comment forms' server actions, as the discussion components take them. */
export const commentActions: CommentActions = {
  post: postComment,
  saveEdit: saveCommentEdit,
  remove: removeComment,
  upvote: toggleUpvote,
  report: reportCommentAction,
};
