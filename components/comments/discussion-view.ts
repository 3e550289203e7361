import type { Actor } from "@/lib/auth/users";
import type { DiscussionSection } from "@/lib/comments/sections";

/** What every comment in a discussion needs to know to decide what to show and offer. */
export interface DiscussionView {
  section: Pick<DiscussionSection, "id" | "locked">;
  actor: { id: string; role: "reader" | "admin"; banned: boolean } | null;
  /** On a permalink: the comment in focus, and the form to open on it (the no-JavaScript reply and edit). */
  focusId?: number;
  openForm?: "reply" | "edit";
}

export function discussionView(section: DiscussionSection, actor: Actor | null, focus: Pick<DiscussionView, "focusId" | "openForm"> = {}): DiscussionView {
  return {
    section: { id: section.id, locked: section.locked },
    actor: actor ? { id: actor.id, role: actor.role, banned: actor.banReason !== null } : null,
    ...focus,
  };
}

/** Whether the actor may write in this discussion at all (signed in, not banned, not locked). */
export const canWrite = (view: DiscussionView) => Boolean(view.actor && !view.actor.banned && !view.section.locked);

export const permalink = (commentId: number) => `/c/${commentId}#c-${commentId}`;
