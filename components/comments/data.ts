import { cache } from "react";
import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/session";
import { listDiscussionSections, type DiscussionSection } from "@/lib/comments/sections";

// Once per request, however many discussions a page shows (the essay shows ten).

export const getViewer = cache(() => getActor());

export const getSectionsById = cache(async (): Promise<Map<string, DiscussionSection>> => {
  const sections = await listDiscussionSections(await getDb());
  return new Map(sections.map((section) => [section.id, section]));
});
