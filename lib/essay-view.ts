import { cache } from "react";
import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/session";
import type { Actor } from "@/lib/auth/users";
import { sharedProposals, sharedSections } from "@/lib/comments/discussion-snapshot";
import { previewThreads, type PreviewLimits } from "@/lib/comments/preview";
import type { CommentPage } from "@/lib/comments/queries";
import type { ReaderMarks } from "@/lib/comments/reader-marks";
import type { DiscussionSection } from "@/lib/comments/sections";
import { threadsForReader } from "@/lib/comments/shared-threads";
import type { Essay } from "@/lib/content/essays";
import { isDatabaseUnavailable } from "@/lib/errors";
import { listProposals, type ProposalSummary } from "@/lib/votes/queries";

/**
 * What a discussion shows when it opens inside the essay: the three top threads with up to two direct
 * replies each; "load more" brings further threads in place, and cut replies continue on permalinks.
 * The essay renders all ten discussions on the server (so they open without JavaScript), and every
 * comment rendered there is HTML, RSC payload and hydration work for a phone: a full first page under
 * every section made `/` a megabyte, and five threads two levels deep still cost Lighthouse's mobile
 * run 330 ms of blocking time.
 */
export const ESSAY_PREVIEW_THREADS = 3;
export const ESSAY_PREVIEW: PreviewLimits = { replyLevels: 1, repliesPerComment: 2 };

export interface EssayDiscussion {
  section: DiscussionSection;
  /** The preview: threads already cut down to ESSAY_PREVIEW, as this reader sees them. */
  page: CommentPage;
}

/** The actor and the proposals as they see them: what the essay and a proposal's page show around the text. */
export interface ReaderView {
  actor: Actor | null;
  /** null when the database cannot be reached: the essay still renders, without votes. */
  proposals: ProposalSummary[] | null;
}

/** ReaderView alone (a proposal's page); a database outage degrades, not breaks. */
export async function loadReaderView(): Promise<ReaderView> {
  try {
    const actor = await getActor();
    return { actor, proposals: await listProposals(await getDb(), actor?.id ?? null) };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return { actor: null, proposals: null };
  }
}

export interface EssayView {
  reader: ReaderView;
  /** Each section's discussion by section id; null when the discussions cannot be read right now. */
  discussions: Map<string, EssayDiscussion> | null;
}

/**
 * Everything of the essay that is not its text, for this reader: sections' counts and previews and the
 * proposals' tallies from this instance's shared snapshot (lib/comments/discussion-snapshot.ts), made
 * theirs by one statement (their stances and upvotes). Signed out, that is no statement at all most of
 * the time. A database outage degrades the page, never breaks it: the essay's text is always there.
 */
export const loadEssayView = cache(async (essay: Essay): Promise<EssayView> => {
  let actor: Actor | null;
  try {
    actor = await getActor();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return { reader: { actor: null, proposals: null }, discussions: null };
  }
  const db = await getDb();
  const discussions = await loadDiscussions(essay, actor).catch(() => null);
  try {
    const proposals =
      discussions && !discussions.fresh ? withStances((await sharedProposals(db)).value, discussions.marks) : await listProposals(db, actor?.id ?? null);
    return { reader: { actor, proposals }, discussions: discussions?.bySection ?? null };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return { reader: { actor, proposals: null }, discussions: discussions?.bySection ?? null };
  }
});

async function loadDiscussions(essay: Essay, actor: Actor | null) {
  const db = await getDb();
  const current = new Map((await sharedSections(db)).value.map((section) => [section.id, section]));
  const sections = essay.sections.flatMap((section) => current.get(section.id) ?? []);
  const requests = sections.map((section) => ({ section, query: { sort: "top" as const, limit: ESSAY_PREVIEW_THREADS } }));
  const { pages, marks, fresh } = await threadsForReader(db, actor, requests);
  const bySection = new Map<string, EssayDiscussion>(
    sections.map((section, index) => {
      const page = pages[index]!;
      return [section.id, { section, page: { ...page, comments: previewThreads(page.comments, ESSAY_PREVIEW) } }];
    }),
  );
  return { bySection, marks, fresh };
}

function withStances(proposals: ReaderView["proposals"] & object, marks: ReaderMarks | null) {
  return proposals.map((proposal) => ({ ...proposal, myStance: marks?.stances.get(proposal.id) ?? null }));
}
