import { z } from "zod";
import type { Stance } from "./stances";

/** The API's stance: an integer from -2 to 2 and nothing else ("2", 1.5 and null are refused). */
export const stanceSchema = z
  .int("must be an integer from -2 to 2")
  .min(-2, "must be at least -2")
  .max(2, "must be at most 2")
  .transform((value) => value as Stance);

export const voteInputSchema = z.strictObject({ stance: stanceSchema });
