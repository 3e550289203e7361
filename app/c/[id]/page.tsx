import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { commentActions } from "@/app/sections/[id]/comment-actions";
import { Announcer } from "@/components/comments/announcer";
import { CommentItem } from "@/components/comments/comment-item";
import { getRequestActor } from "@/components/comments/data";
import { discussionView } from "@/components/comments/discussion-view";
import { renderOrUnavailable } from "@/components/ui/unavailable";
import { getDb } from "@/db/client";
import { getCommentContext } from "@/lib/comments/queries";
import { commentParamsSchema } from "@/lib/comments/schemas";

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Comment" };

/**
 * A comment's permalink: the nearest comments above it (flat, oldest first; higher up is a link to
 * the parent thread's permalink), then the comment with its replies. `?reply=1` / `?edit=1` open its form: where "Reply" and "Edit" lead without JavaScript.
 */
export default async function CommentPermalinkPage({ params, searchParams }: Props) {
  return renderOrUnavailable(async () => {
    const parsed = commentParamsSchema.safeParse(await params);
    if (!parsed.success) notFound();
    const actor = await getRequestActor();
    const context = await getCommentContext(await getDb(), actor, parsed.data.id);
    if (!context) notFound();
    const query = await searchParams;
    const openForm = query.reply !== undefined ? "reply" : query.edit !== undefined ? "edit" : undefined;
    const view = discussionView(context.section, actor, { focusId: context.comment.id, openForm });

    return (
      <Announcer>
        <div className="discussion-page permalink-page">
          <p className="breadcrumb">
            <Link href={`/sections/${context.section.id}`}>← All comments on “{context.section.title}”</Link>
          </p>
          <h1 className="visually-hidden">A comment on “{context.section.title}”</h1>
          {context.aboveId !== null && (
            <p className="comment-ancestors-more">
              <Link href={`/c/${context.aboveId}#c-${context.aboveId}`}>↑ Continue to the parent thread</Link>
            </p>
          )}
          {context.ancestors.length > 0 && (
            <section aria-label="Earlier in this thread" className="comment-ancestors">
              <ol className="comment-list">
                {context.ancestors.map((ancestor) => (
                  <CommentItem key={ancestor.id} node={ancestor} view={view} actions={commentActions} withReplies={false} />
                ))}
              </ol>
            </section>
          )}
          <ol className="comment-list">
            <CommentItem node={context.comment} view={view} actions={commentActions} />
          </ol>
        </div>
      </Announcer>
    );
  }, "This comment");
}
