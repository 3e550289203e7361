import type { CommentNode } from "./comment-nodes";

export interface PreviewLimits {
  /** Reply levels shown under a top-level comment (1: its direct replies only). */
  replyLevels: number;
  /** Replies shown under any one comment; the rest are counted as "more replies". */
  repliesPerComment: number;
}

/**
 * Cuts threads down to a preview: what is cut is not lost but counted in `moreReplies`, which the
 * thread renders as "Continue this thread (N more replies)" linking to the comment's permalink.
 * Keeps the essay page's size bounded however long a thread under it grows.
 */
export function previewThreads(nodes: CommentNode[], limits: PreviewLimits, level = 0): CommentNode[] {
  return nodes.map((node) => {
    const keep = level < limits.replyLevels ? node.replies.slice(0, limits.repliesPerComment) : [];
    return {
      ...node,
      moreReplies: node.moreReplies + node.replies.length - keep.length,
      replies: previewThreads(keep, limits, level + 1),
    };
  });
}
