import { z } from "zod";
import { REPORT_REASONS } from "@/lib/moderation/report-reasons";
import { STANCES, type Stance } from "@/lib/votes/stances";

// One schema per identifier and enum, imported by server actions, API routes, pages and content
// checks alike: a section id accepted by a form is exactly one the API accepts. The constants they
// list stay in zod-free modules (report-reasons.ts, stances.ts) because client components need them.
// tests/unit/identifier-schemas.test.ts fails when another module defines its own.

/** Essay slugs, section ids and proposal ids: lowercase words joined by hyphens (the content contract). */
export const CONTENT_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const contentIdSchema = z.string().regex(CONTENT_ID_PATTERN, "must be lowercase words joined by hyphens (e.g. open-source)").max(64);
export const essaySlugSchema = contentIdSchema;
export const sectionIdSchema = contentIdSchema;
export const proposalIdSchema = contentIdSchema;

/** A comment id as it arrives in a path or a form field: a positive integer, as a number. */
export const commentIdSchema = z
  .string()
  .regex(/^[1-9]\d{0,14}$/)
  .transform(Number);

/** A user id (users.id) as it arrives in a path or a form field. */
export const userIdSchema = z.string().regex(/^[\w-]{1,100}$/);

/** The API's stance: an integer from -2 to 2 and nothing else ("2", 1.5 and null are refused). */
export const stanceSchema = z
  .int("must be an integer from -2 to 2")
  .min(-2, "must be at least -2")
  .max(2, "must be at most 2")
  .transform((value) => value as Stance);

/** The vote form's stance field: a stance as text, or "withdraw". */
export const stanceFieldSchema = z.enum([...STANCES.map(String), "withdraw"], "Choose a stance.");

export const reportReasonSchema = z.enum(REPORT_REASONS, { error: `Choose a reason: ${REPORT_REASONS.join(", ")}.` });

/** What a moderator does, by target: the last segment of /api/admin/{comments,sections,users}/{id}/{action}. */
export const commentModerationActionSchema = z.enum(["hide", "restore", "dismiss"]);
export const sectionModerationActionSchema = z.enum(["lock", "unlock"]);
export const userModerationActionSchema = z.enum(["ban", "unban", "sign-out"]);
