import { z } from "zod";

export const STANCES = [-2, -1, 0, 1, 2] as const;
export type Stance = (typeof STANCES)[number];

export const STANCE_LABELS: Record<Stance, string> = {
  [-2]: "Strongly oppose",
  [-1]: "Oppose",
  0: "Unsure",
  1: "Support",
  2: "Strongly support",
};

/** How a stance reads beside a commenter's name: "Supports". */
export const STANCE_VERBS: Record<Stance, string> = {
  [-2]: "Strongly opposes",
  [-1]: "Opposes",
  0: "Unsure",
  1: "Supports",
  2: "Strongly supports",
};

/** The API's stance: an integer from -2 to 2 and nothing else ("2", 1.5 and null are refused). */
export const stanceSchema = z
  .int("must be an integer from -2 to 2")
  .min(-2, "must be at least -2")
  .max(2, "must be at most 2")
  .transform((value) => value as Stance);

export const voteInputSchema = z.strictObject({ stance: stanceSchema });

export function isStance(value: unknown): value is Stance {
  return typeof value === "number" && (STANCES as readonly number[]).includes(value);
}
