import { z } from "zod";
import { commentIdSchema, sectionIdSchema } from "@/lib/identifiers";
import { commentMarkdownProblem } from "./comment-html";

/** The API's and the forms' inputs for the discussion: one definition each, shared by every entry point. */

export const COMMENT_MAX_CHARACTERS = 5000;
export const PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const commentBodySchema = z
  .string({ error: "Write a comment." })
  .trim()
  .min(1, "Write a comment.")
  // Code points, like the database's char_length: an emoji counts once.
  .refine((body) => [...body].length <= COMMENT_MAX_CHARACTERS, `A comment has at most ${COMMENT_MAX_CHARACTERS.toLocaleString("en")} characters.`)
  .refine((body) => !body.includes("\u0000"), "A comment cannot contain NUL characters.")
  // Zero-width spaces, direction marks and other invisible format characters are not a comment.
  .refine((body) => body === "" || /[^\s\p{Cf}]/u.test(body), "Write a comment.")
  // What cannot be rendered is not stored: nesting past the limits would otherwise only ever show as
  // plain text (lib/comments/markdown-limits.ts). Skipped for a body already refused for its length.
  .check((context) => {
    const body = context.value;
    if ([...body].length > COMMENT_MAX_CHARACTERS || body.includes("\u0000")) return;
    const problem = commentMarkdownProblem(body);
    if (problem) context.issues.push({ code: "custom", message: problem, input: body });
  });

export const commentParamsSchema = z.object({ id: commentIdSchema });
export const sectionParamsSchema = z.object({ id: sectionIdSchema });

export const createCommentInputSchema = z.strictObject({
  body: commentBodySchema,
  parentId: z.number().int().positive().nullish(),
});

export const editCommentInputSchema = z.strictObject({ body: commentBodySchema });

/** Earlier versions kept per comment (the newest ones): every edit stores one, so the history is capped. */
export const MAX_REVISIONS_PER_COMMENT = 20;

export const SORTS = ["top", "new", "old"] as const;
export type CommentSort = (typeof SORTS)[number];

export const STANCE_FILTERS = ["support", "oppose", "unsure"] as const;
export type StanceFilter = (typeof STANCE_FILTERS)[number];

/** Which stances each filter keeps (votes.stance is -2..2). */
export const STANCES_BY_FILTER: Record<StanceFilter, number[]> = { support: [1, 2], oppose: [-2, -1], unsure: [0] };

/**
 * A page cursor: where the previous page ended, in the order it was sorted. Opaque to clients
 * (base64url of JSON) and validated on the way in, so a forged one is a 400 and never reaches SQL.
 */
// Every field within its column's type (comments.score is an int4, comments.id a bigint, and zod's
// int() already keeps ids to safe integers), so a forged cursor cannot make the query itself fail.
const INT4_MAX = 2_147_483_647;
const cursorIdSchema = z.number().int().positive();
const cursorPayloadSchema = z.discriminatedUnion("sort", [
  z.strictObject({ sort: z.literal("top"), score: z.number().int().min(0).max(INT4_MAX), id: cursorIdSchema }),
  z.strictObject({ sort: z.literal("new"), id: cursorIdSchema }),
  z.strictObject({ sort: z.literal("old"), id: cursorIdSchema }),
]);
export type Cursor = z.infer<typeof cursorPayloadSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export const cursorSchema = z
  .string()
  .max(2000, "is not a valid cursor (too long)")
  .transform((value, context) => {
    let json: unknown;
    try {
      json = /^[A-Za-z0-9_-]{1,200}$/.test(value) ? JSON.parse(Buffer.from(value, "base64url").toString("utf8")) : undefined;
    } catch {
      json = undefined;
    }
    const parsed = cursorPayloadSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    context.addIssue({ code: "custom", message: "is not a valid cursor (use nextCursor from the previous page)" });
    return z.NEVER;
  });

export const listCommentsQuerySchema = z
  .object({
    sort: z.enum(SORTS, { error: "must be top, new or old" }).default("top"),
    cursor: cursorSchema.optional(),
    // Digits only: "1e2", "0x10" and " 5" are not page sizes.
    limit: z
      .union(
        [
          z.number(),
          z
            .string()
            .regex(/^\d{1,3}$/, "must be a whole number from 1 to 100")
            .transform(Number),
        ],
        "must be a whole number from 1 to 100",
      )
      .pipe(z.int().min(1, "must be at least 1").max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`))
      .default(PAGE_SIZE),
    stance: z.enum(STANCE_FILTERS, { error: "must be support, oppose or unsure" }).optional(),
  })
  .refine((query) => !query.cursor || query.cursor.sort === query.sort, { path: ["cursor"], message: "belongs to another sort order" });

export type ListCommentsQuery = z.infer<typeof listCommentsQuerySchema>;
