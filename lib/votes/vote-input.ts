import { z } from "zod";
import { stanceSchema } from "@/lib/identifiers";

export const voteInputSchema = z.strictObject({ stance: stanceSchema });
