import type { Actor } from "@/lib/auth/users";
import { commentHtml } from "./comment-html";

export interface CommentAuthor {
  id: string;
  name: string;
  image: string | null;
}

/** The author of a withheld comment: the same keys, every one null. */
export interface WithheldAuthor {
  id: null;
  name: null;
  image: null;
}

const WITHHELD_AUTHOR: WithheldAuthor = { id: null, name: null, image: null };

/**
 * The public JSON shape (README "Discussion"): exactly these keys, nothing internal. A *withheld*
 * comment — deleted, or hidden by a moderator from an actor who is neither an admin nor its author —
 * keeps its place in the thread but says nothing of who wrote it or how it was received: author
 * WithheldAuthor, score 0, myUpvote false, authorStance and editedAt null.
 */
export interface ApiComment {
  id: number;
  parentId: number | null;
  author: CommentAuthor | WithheldAuthor;
  /** null when deleted, or hidden by a moderator and the actor is not an admin. */
  body: string | null;
  html: string | null;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  score: number;
  myUpvote: boolean;
  /** The author's current vote on the section's proposal (-2..2); null without a proposal or a vote, or when withheld. */
  authorStance: number | null;
  replies: ApiComment[];
}

/** A comment as the rules let this actor see it, with the replies loaded for this view. */
export interface CommentNode extends Omit<ApiComment, "replies"> {
  sectionId: string;
  depth: number;
  hidden: boolean;
  /** Replies still shown in the thread (not deleted, or deleted with replies of their own). */
  replyCount: number;
  /** Of those, how many are not in `replies` (deeper, or past this view's cap): they continue on the permalink. */
  moreReplies: number;
  replies: CommentNode[];
  /** Earlier versions, oldest first: admins only. */
  revisions?: { body: string; writtenAt: string; replacedAt: string }[];
}

export function toApiComment(node: CommentNode): ApiComment {
  return {
    id: node.id,
    parentId: node.parentId,
    author: node.author,
    body: node.body,
    html: node.html,
    createdAt: node.createdAt,
    editedAt: node.editedAt,
    deleted: node.deleted,
    score: node.score,
    myUpvote: node.myUpvote,
    authorStance: node.authorStance,
    replies: node.replies.map(toApiComment),
  };
}

/** One comment as the comment queries return it (commentsJson in lib/comments/comment-sql.ts). */
export interface CommentJson {
  id: number;
  sectionId: string;
  parentId: number | null;
  depth: number;
  authorId: string;
  authorName: string | null;
  authorImage: string | null;
  body: string;
  /** ISO 8601, like Date.toISOString. */
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  hidden: boolean;
  score: number;
  replyCount: number;
  myUpvote: boolean;
  stance: number | null;
  /** Admins only, for edited comments. */
  revisions?: CommentNode["revisions"] | null;
}

export function toCommentNode(row: CommentJson, actor: Pick<Actor, "id" | "role"> | null): CommentNode {
  const admin = actor?.role === "admin";
  const readable = !row.deleted && (!row.hidden || admin);
  // The author of a hidden comment still sees it is theirs (and may delete it): that tells them nothing new.
  const withheld = row.deleted || (row.hidden && !admin && actor?.id !== row.authorId);
  const node: CommentNode = {
    id: row.id,
    sectionId: row.sectionId,
    parentId: row.parentId,
    depth: row.depth,
    author: withheld ? WITHHELD_AUTHOR : { id: row.authorId, name: row.authorName ?? "Reader", image: row.authorImage },
    body: readable ? row.body : null,
    html: readable ? commentHtml(row.body, row.id) : null,
    createdAt: row.createdAt,
    editedAt: withheld ? null : row.editedAt,
    deleted: row.deleted,
    hidden: row.hidden,
    score: withheld ? 0 : row.score,
    myUpvote: withheld ? false : row.myUpvote,
    authorStance: withheld ? null : row.stance,
    replyCount: row.replyCount,
    moreReplies: 0,
    replies: [],
  };
  if (row.revisions) node.revisions = row.revisions;
  return node;
}

/**
 * Nests `descendants` (sorted by id, so a parent always comes before its replies) under `tops`.
 * A reply whose parent is not in the view is left out: it continues on the permalink.
 */
export function buildThreads(tops: CommentNode[], descendants: CommentNode[]): CommentNode[] {
  const byId = new Map<number, CommentNode>(tops.map((node) => [node.id, node]));
  for (const node of descendants) {
    const parent = node.parentId === null ? undefined : byId.get(node.parentId);
    if (!parent) continue;
    parent.replies.push(node);
    byId.set(node.id, node);
  }
  for (const node of byId.values()) node.moreReplies = Math.max(0, node.replyCount - node.replies.length);
  return tops;
}

/** Every node of the given trees, depth first. */
export function flattenThreads(nodes: CommentNode[]): CommentNode[] {
  return nodes.flatMap((node) => [node, ...flattenThreads(node.replies)]);
}

export const STANCE_LABELS: Record<number, string> = {
  [-2]: "Strongly opposes",
  [-1]: "Opposes",
  0: "Unsure",
  1: "Supports",
  2: "Strongly supports",
};
