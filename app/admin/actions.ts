"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { formAction } from "@/lib/form-actions/form-action";
import { commentIdSchema, commentModerationActionSchema, sectionIdSchema, sectionModerationActionSchema, userIdSchema } from "@/lib/identifiers";
import { banUser, dismissReports, hideComment, restoreComment, setSectionLocked, signOutUser, unbanUser } from "@/lib/moderation/moderate";
import { banInputSchema, moderationInputSchema } from "@/lib/moderation/schemas";

// The /admin forms: each goes through formAction with access "admin" (the same guard as the API),
// calls one domain function and refreshes the queue.

const reason = moderationInputSchema.shape.reason;
const commentSchema = z.object({ commentId: commentIdSchema, action: commentModerationActionSchema, reason });
const sectionSchema = z.object({ sectionId: sectionIdSchema, action: sectionModerationActionSchema, reason });
const banSchema = z.object({ userId: userIdSchema, reason: banInputSchema.shape.reason });
/** Unban and sign-out: a reader, and an optional reason. */
const unbanSchema = z.object({ userId: userIdSchema, reason });

const COMMENT_ACTIONS = {
  hide: [hideComment, "Comment hidden."],
  restore: [restoreComment, "Comment restored."],
  dismiss: [dismissReports, "Reports dismissed."],
} as const;

export const moderateComment = formAction("admin", commentSchema, async ({ commentId, action, reason }, actor) => {
  const [run, message] = COMMENT_ACTIONS[action];
  await run(await getDb(), actor, { commentId, reason });
  refresh();
  return message;
});

export const moderateSection = formAction("admin", sectionSchema, async ({ sectionId, action, reason }, actor) => {
  await setSectionLocked(await getDb(), actor, { sectionId, locked: action === "lock", reason });
  refresh();
  return action === "lock" ? "Discussion locked." : "Discussion unlocked.";
});

export const banReader = formAction("admin", banSchema, async ({ userId, reason }, actor) => {
  await banUser(await getDb(), actor, { userId, reason });
  refresh();
  return "Reader banned.";
});

export const unbanReader = formAction("admin", unbanSchema, async ({ userId, reason }, actor) => {
  await unbanUser(await getDb(), actor, { userId, reason });
  refresh();
  return "Reader unbanned.";
});

export const signOutReader = formAction("admin", unbanSchema, async ({ userId, reason }, actor) => {
  const { endedSessions } = await signOutUser(await getDb(), actor, { userId, reason });
  refresh();
  return endedSessions === 0 ? "They were not signed in anywhere." : `Signed out of ${endedSessions === 1 ? "1 session" : `${endedSessions} sessions`}.`;
});
