import type { CommentNode } from "@/lib/comments/view";
import { CommentItem } from "./comment-item";
import type { DiscussionView } from "./view";

/** A page of threads, each nested up to six levels (deeper replies continue on permalinks). */
export function ThreadList({ comments, view }: { comments: CommentNode[]; view: DiscussionView }) {
  return (
    <ol className="comment-list">
      {comments.map((comment) => (
        <CommentItem key={comment.id} node={comment} view={view} />
      ))}
    </ol>
  );
}
