import Link from "next/link";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/auth/users";
import { listThreads, type CommentPage } from "@/lib/comments/queries";
import type { ListCommentsQuery } from "@/lib/comments/schemas";
import type { DiscussionSection } from "@/lib/comments/sections";
import { Announcer } from "./announcer";
import { CommentForm } from "./comment-form";
import type { DiscussionActions } from "./discussion-actions";
import { discussionView } from "./discussion-view";
import { LoadMore } from "./load-more";
import { ThreadList } from "./thread-list";

interface Props {
  section: DiscussionSection;
  actor: Actor | null;
  query: ListCommentsQuery;
  /** The page already loaded for this reader (the essay's previews, the section page's shared first page); else read here. */
  page?: CommentPage;
  actions: DiscussionActions;
}

/** A section's discussion: the form (or why there is none), the first page of threads, "load more". */
export async function DiscussionPanel({ section, actor, query, page: loaded, actions }: Props) {
  const page = loaded ?? (await listThreads(await getDb(), actor, section, query));
  const view = discussionView(section, actor);
  const pageQuery = { sort: query.sort, ...(query.stance ? { stance: query.stance } : {}) };
  const nextHref = page.nextCursor ? `/sections/${section.id}?${new URLSearchParams({ ...pageQuery, cursor: page.nextCursor })}` : "";

  return (
    <Announcer>
      <div className="discussion-panel" data-section-id={section.id}>
        {section.locked ? (
          <p className="discussion-notice">This discussion is locked.</p>
        ) : !actor ? (
          <p className="discussion-notice">
            <Link href={`/signin?callbackUrl=${encodeURIComponent(`/sections/${section.id}`)}`}>Sign in to join the discussion</Link>
          </p>
        ) : actor.banReason !== null ? (
          <p className="discussion-notice">Your account is banned from taking part: {actor.banReason}. You can still read.</p>
        ) : (
          <CommentForm mode="new" action={actions.post} sectionId={section.id} />
        )}
        {page.comments.length > 0 ? (
          <ThreadList comments={page.comments} view={view} actions={actions} />
        ) : (
          <p className="hint">
            {query.cursor ? "No more comments." : query.stance ? "No comments from these readers yet." : "No comments yet. Start the discussion."}
          </p>
        )}
        {/* Keyed by where it starts: another sort or filter starts a fresh "load more". */}
        {page.nextCursor && (
          <LoadMore key={page.nextCursor} sectionId={section.id} query={pageQuery} cursor={page.nextCursor} href={nextHref} loadThreads={actions.loadThreads} />
        )}
      </div>
    </Announcer>
  );
}
