import type { ReactNode } from "react";
import type { FormStateAction } from "@/lib/form-actions/form-state";

/**
 * The server actions behind a discussion's forms (app/sections/[id]/actions.ts). The page that renders
 * a discussion hands them down as props, as the moderation page does: components never import app/.
 */
export interface CommentActions {
  post: FormStateAction;
  saveEdit: FormStateAction;
  remove: FormStateAction;
  upvote: FormStateAction;
  report: FormStateAction;
}

/** The next page of threads, rendered on the server ("Load more"). */
export type LoadThreads = (input: {
  sectionId: string;
  query: Record<string, string | undefined>;
}) => Promise<{ threads: ReactNode; nextCursor: string | null; count: number }>;

export interface DiscussionActions extends CommentActions {
  loadThreads: LoadThreads;
}
