import { cache } from "react";
import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/session";
import { sharedSections } from "@/lib/comments/discussion-snapshot";
import type { DiscussionSection } from "@/lib/comments/sections";

// Once per request, however many discussions a page shows (the essay shows ten).

export const getRequestActor = cache(() => getActor());

export const getSectionsById = cache(async (): Promise<Map<string, DiscussionSection>> => {
  // This instance's shared list (at most a second old, dropped by a comment write here).
  const sections = (await sharedSections(await getDb())).value;
  return new Map(sections.map((section) => [section.id, section]));
});
