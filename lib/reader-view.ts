import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/session";
import type { Actor } from "@/lib/auth/users";
import { isDatabaseUnavailable } from "@/lib/errors";
import { listProposals, type ProposalSummary } from "@/lib/votes/queries";

export interface ReaderView {
  actor: Actor | null;
  /** null when the database cannot be reached: the essay still renders, without votes. */
  proposals: ProposalSummary[] | null;
}

/** What a page needs to know about the reader and the proposals; a database outage degrades, not breaks. */
export async function loadReaderView(): Promise<ReaderView> {
  try {
    const actor = await getActor();
    return { actor, proposals: await listProposals(await getDb(), actor?.id ?? null) };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return { actor: null, proposals: null };
  }
}
