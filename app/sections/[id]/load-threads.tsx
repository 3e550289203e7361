"use server";

import { z } from "zod";
import { discussionView } from "@/components/comments/discussion-view";
import { ThreadList } from "@/components/comments/thread-list";
import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/session";
import { listThreads } from "@/lib/comments/queries";
import { listCommentsQuerySchema } from "@/lib/comments/schemas";
import { getDiscussionSection } from "@/lib/comments/sections";
import { AppError } from "@/lib/errors";
import { sectionIdSchema } from "@/lib/identifiers";
import { commentActions } from "./comment-actions";

const inputSchema = z.object({ sectionId: sectionIdSchema, query: listCommentsQuerySchema });

/**
 * "Load more": the next page of threads, rendered on the server like the first one (so replies,
 * permalinks and the forms in it work the same). A read: it needs no session, only a valid cursor.
 */
export async function loadThreads(input: { sectionId: string; query: Record<string, string | undefined> }) {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "page request");
  const db = await getDb();
  const [section, actor] = await Promise.all([getDiscussionSection(db, parsed.data.sectionId), getActor()]);
  if (!section) throw new AppError("not_found", "No such section.");
  const page = await listThreads(db, actor, section, parsed.data.query);
  return {
    threads: <ThreadList comments={page.comments} view={discussionView(section, actor)} actions={commentActions} />,
    nextCursor: page.nextCursor,
    count: page.comments.length,
  };
}
