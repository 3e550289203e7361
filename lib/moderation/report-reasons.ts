/**
 * What a report may say. Kept free of zod (and of anything server-only) because the report form, a
 * client component, needs these constants: importing them from schemas.ts shipped zod to every reader.
 */
export const REPORT_REASONS = ["spam", "harassment", "off-topic", "other"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export const REPORT_NOTE_MAX_CHARACTERS = 500;
