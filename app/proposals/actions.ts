"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { formAction } from "@/lib/form-actions/form-action";
import { proposalIdSchema, stanceFieldSchema } from "@/lib/identifiers";
import { setVote } from "@/lib/votes/cast-vote";
import { STANCE_LABELS, type Stance } from "@/lib/votes/stances";

// A form posts the clicked button's value: a stance, or "withdraw".
const voteFormSchema = z.object({
  proposalId: proposalIdSchema,
  stance: stanceFieldSchema,
});

export const submitVote = formAction("writer", voteFormSchema, async ({ proposalId, stance }, actor) => {
  const next = stance === "withdraw" ? null : (Number(stance) as Stance);
  await setVote(await getDb(), actor, proposalId, next);
  // Every page shows votes or tallies (essay, proposal, results): refresh them all.
  revalidatePath("/", "layout");
  return next === null ? "Your vote is withdrawn." : `Your vote is recorded: ${STANCE_LABELS[next]}.`;
});
