import { STANCE_LABELS, type CommentNode } from "@/lib/comments/comment-nodes";
import { CommentFormToggle } from "./comment-form-toggle";
import { DeleteCommentForm } from "./delete-comment-form";
import type { CommentActions } from "./discussion-actions";
import { canWrite, permalink, type DiscussionView } from "./discussion-view";
import { ReportCommentForm } from "./report-comment-form";
import { UpvoteButton } from "./upvote-button";
import { UpvoteCount } from "./upvote-count";

const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const STANCE_CLASS: Record<number, string> = { [-2]: "oppose", [-1]: "oppose", 0: "unsure", 1: "support", 2: "support" };

interface Props {
  node: CommentNode;
  view: DiscussionView;
  actions: CommentActions;
  /** false for the ancestors shown above a permalink's comment. */
  withReplies?: boolean;
}

/** One comment and (by default) its replies. Reading is server-rendered; only the controls are client islands. */
export function CommentItem({ node, view, actions, withReplies = true }: Props) {
  const { actor } = view;
  const mine = actor?.id === node.author.id;
  const readable = node.html !== null;
  const placeholder = node.deleted ? "[deleted]" : node.hidden && !readable ? "removed by a moderator" : null;
  const open = view.focusId === node.id ? view.openForm : undefined;
  const bodyId = `c-${node.id}-body`;

  return (
    <li className="comment-item">
      <article
        id={`c-${node.id}`}
        className="comment"
        tabIndex={-1}
        aria-describedby={bodyId}
        data-comment-id={node.id}
        data-focused={view.focusId === node.id || undefined}
      >
        <header className="comment-meta">
          {placeholder ? <span className="comment-author muted">{placeholder}</span> : <span className="comment-author">{node.author.name}</span>}
          {node.authorStance !== null && !placeholder && (
            <span className={`stance stance-${STANCE_CLASS[node.authorStance]}`} data-testid="author-stance">
              {STANCE_LABELS[node.authorStance]}
            </span>
          )}
          <a
            className="comment-time"
            href={permalink(node.id)}
            aria-label={`Permalink to this comment, posted ${timeFormat.format(new Date(node.createdAt))} UTC`}
          >
            <time dateTime={node.createdAt}>{timeFormat.format(new Date(node.createdAt))}</time>
          </a>
          {node.editedAt && !node.deleted && (
            <span className="comment-edited" title={`Edited ${timeFormat.format(new Date(node.editedAt))} UTC`}>
              edited
            </span>
          )}
          {node.hidden && readable && <span className="comment-flag">hidden from readers</span>}
        </header>
        {readable ? (
          // Sanitized on the server from the reader's Markdown (lib/comments/markdown.ts).
          <div id={bodyId} className="comment-body" dangerouslySetInnerHTML={{ __html: node.html! }} />
        ) : (
          <p id={bodyId} className="comment-body comment-placeholder">
            {placeholder}
          </p>
        )}
        {node.revisions && node.revisions.length > 0 && (
          <details className="comment-history">
            <summary>History ({node.revisions.length === 1 ? "1 earlier version" : `${node.revisions.length} earlier versions`})</summary>
            <ol>
              {node.revisions.map((revision) => (
                <li key={revision.replacedAt}>
                  <p className="hint">
                    Written <time dateTime={revision.writtenAt}>{timeFormat.format(new Date(revision.writtenAt))}</time> UTC
                  </p>
                  <pre>{revision.body}</pre>
                </li>
              ))}
            </ol>
          </details>
        )}
        {!node.deleted && (
          <footer className="comment-actions">
            {actor && !actor.banned && !mine && !node.hidden ? (
              <UpvoteButton
                key={`${node.score}:${node.myUpvote}`}
                commentId={node.id}
                score={node.score}
                myUpvote={node.myUpvote}
                toggleUpvote={actions.upvote}
              />
            ) : (
              <UpvoteCount score={node.score} />
            )}
            {canWrite(view) && !node.hidden && (
              <CommentFormToggle mode="reply" action={actions.post} sectionId={view.section.id} commentId={node.id} initiallyOpen={open === "reply"} />
            )}
            {canWrite(view) && mine && (
              <CommentFormToggle
                mode="edit"
                action={actions.saveEdit}
                sectionId={view.section.id}
                commentId={node.id}
                body={node.body ?? ""}
                initiallyOpen={open === "edit"}
              />
            )}
            {actor && !actor.banned && (mine || actor.role === "admin") && <DeleteCommentForm commentId={node.id} removeComment={actions.remove} />}
            {actor && !actor.banned && !mine && readable && <ReportCommentForm commentId={node.id} reportComment={actions.report} />}
          </footer>
        )}
      </article>
      {withReplies && node.replies.length > 0 && (
        <ol className="comment-replies">
          {node.replies.map((reply) => (
            <CommentItem key={reply.id} node={reply} view={view} actions={actions} />
          ))}
        </ol>
      )}
      {withReplies && node.moreReplies > 0 && (
        <a className="continue-thread" href={permalink(node.id)}>
          Continue this thread ({node.moreReplies === 1 ? "1 more reply" : `${node.moreReplies} more replies`}) →
        </a>
      )}
    </li>
  );
}
