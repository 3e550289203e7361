import type { CommentNode } from "@/lib/comments/comment-nodes";
import { CommentItem } from "./comment-item";
import type { CommentActions } from "./discussion-actions";
import type { DiscussionView } from "./discussion-view";

/** A page of threads, each nested up to six levels (deeper replies continue on permalinks). */
export function ThreadList({ comments, view, actions }: { comments: CommentNode[]; view: DiscussionView; actions: CommentActions }) {
  return (
    <ol className="comment-list">
      {comments.map((comment) => (
        <CommentItem key={comment.id} node={comment} view={view} actions={actions} />
      ))}
    </ol>
  );
}
