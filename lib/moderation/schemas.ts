import { z } from "zod";
import { reportReasonSchema, userIdSchema } from "@/lib/identifiers";
import { REPORT_NOTE_MAX_CHARACTERS } from "./report-reasons";

/** Inputs of the moderation API and forms: one definition each, shared by every entry point. */

export { REPORT_NOTE_MAX_CHARACTERS, REPORT_REASONS, type ReportReason } from "./report-reasons";

export const reportInputSchema = z.strictObject({
  reason: reportReasonSchema,
  note: z
    .string()
    .trim()
    .refine((note) => [...note].length <= REPORT_NOTE_MAX_CHARACTERS, `A note has at most ${REPORT_NOTE_MAX_CHARACTERS} characters.`)
    .refine((note) => !note.includes("\u0000"), "A note cannot contain NUL characters.")
    .transform((note) => (note === "" ? null : note))
    .nullish(),
});
export type ReportInput = z.input<typeof reportInputSchema>;

const reasonText = z
  .string()
  .trim()
  .max(500, "A reason has at most 500 characters.")
  // PostgreSQL text cannot hold NUL: refuse it here rather than fail in the database.
  .refine((reason) => !reason.includes("\u0000"), "A reason cannot contain NUL characters.");

/** Hide, restore, dismiss, lock, unlock, unban: a reason is optional. */
export const moderationInputSchema = z.strictObject({ reason: reasonText.transform((reason) => (reason === "" ? null : reason)).nullish() });

/** Ban: the reason is required (the banned reader is shown it). */
export const banInputSchema = z.strictObject({ reason: reasonText.min(1, "Give a reason: the reader is shown it.") });

export const userParamsSchema = z.object({ id: userIdSchema });
