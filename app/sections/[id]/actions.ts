"use server";

import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { commentBodySchema } from "@/lib/comments/schemas";
import { setUpvote } from "@/lib/comments/upvotes";
import { createComment, deleteComment, editComment } from "@/lib/comments/write";
import { formAction } from "@/lib/form-actions/form-action";
import { commentIdSchema, reportReasonSchema, sectionIdSchema } from "@/lib/identifiers";
import { reportComment } from "@/lib/moderation/reports";

// The discussion's forms. Each works as a plain form post: without JavaScript the reader is sent
// (Post/Redirect/Get) to the comment in its thread; with it ("enhanced", set once the form has
// hydrated) the page refreshes in place and the form moves focus to the comment.

const enhanced = z
  .string()
  .optional()
  .transform((value) => value === "1");

const postSchema = z.object({ sectionId: sectionIdSchema, parentId: commentIdSchema.optional(), body: commentBodySchema, enhanced });
const editSchema = z.object({ commentId: commentIdSchema, body: commentBodySchema, enhanced });
const deleteSchema = z.object({ commentId: commentIdSchema, enhanced });
const reportSchema = z.object({ commentId: commentIdSchema, reason: reportReasonSchema, note: z.string().optional() });
const upvoteSchema = z.object({ commentId: commentIdSchema, upvote: z.enum(["1", "0"]) });

function afterWrite(commentId: number, isEnhanced: boolean, message: string) {
  if (!isEnhanced) redirect(`/c/${commentId}#c-${commentId}`);
  refresh();
  return { message, data: { id: commentId } };
}

export const postComment = formAction("writer", postSchema, async ({ sectionId, parentId, body, enhanced }, actor) => {
  const comment = await createComment(await getDb(), actor, { sectionId, parentId, body });
  return afterWrite(comment.id, enhanced, parentId ? "Your reply was posted." : "Your comment was posted.");
});

export const saveCommentEdit = formAction("writer", editSchema, async ({ commentId, body, enhanced }, actor) => {
  await editComment(await getDb(), actor, { commentId, body });
  return afterWrite(commentId, enhanced, "Your edit was saved.");
});

export const removeComment = formAction("writer", deleteSchema, async ({ commentId, enhanced }, actor) => {
  const comment = await deleteComment(await getDb(), actor, { commentId });
  // Its permalink may be gone (a comment without replies leaves the thread): go to the section's.
  if (!enhanced) redirect(`/sections/${comment.sectionId}`);
  refresh();
  return "Comment deleted.";
});

export const toggleUpvote = formAction("writer", upvoteSchema, async ({ commentId, upvote }, actor) => {
  const state = await setUpvote(await getDb(), actor, { commentId, upvote: upvote === "1" });
  return { message: state.myUpvote ? "Upvoted." : "Upvote withdrawn.", data: { ...state } };
});

export const reportCommentAction = formAction("writer", reportSchema, async ({ commentId, reason, note }, actor) => {
  const result = await reportComment(await getDb(), actor, { commentId, reason, note });
  return result.created ? "Thanks: your report was received. A moderator will review it." : "You already reported this comment; a moderator will review it.";
});
