import { expect, type APIRequestContext, type Browser, type BrowserContext } from "@playwright/test";
import { CONTENT_STATES, type ContentSeed } from "./content-states";
import { signInAs } from "./sign-in-as";

/**
 * The pages and states the outside checkers (the Nu HTML Checker, axe, the layout check) go over on the
 * content server: every page a reader can reach, each in the state that stresses it. A new page or
 * state is one more line here, and every checker picks it up.
 */
export interface CheckedPage {
  name: string;
  path: string;
  /** Shows something different to signed-in readers, admins or banned readers (checked as each). */
  perViewer: boolean;
}

const { sections, proposals } = CONTENT_STATES;

export function readerPages(seed: ContentSeed): CheckedPage[] {
  return [
    { name: "the essay", path: "/", perViewer: true },
    { name: "a discussion of realistic comments", path: `/sections/${sections.realistic}`, perViewer: true },
    { name: "a discussion of 10,000 comments", path: `/sections/${sections.large}`, perViewer: true },
    { name: "a locked discussion", path: `/sections/${sections.locked}`, perViewer: true },
    { name: "an empty discussion", path: `/sections/${sections.empty}`, perViewer: true },
    { name: "a comment's permalink", path: `/c/${seed.firstCommentId}`, perViewer: true },
    { name: "the permalink of a deeply nested reply", path: `/c/${seed.deepestCommentId}`, perViewer: true },
    { name: "a proposal with a million votes", path: `/proposals/${proposals.million}`, perViewer: true },
    { name: "a proposal with one vote", path: `/proposals/${proposals.one}`, perViewer: false },
    { name: "a proposal with no votes", path: `/proposals/${proposals.none}`, perViewer: false },
    { name: "the results", path: "/results", perViewer: false },
    { name: "support by day", path: "/results/trends", perViewer: false },
    { name: "sign in", path: "/signin", perViewer: false },
    { name: "settings", path: "/settings", perViewer: true },
    { name: "notifications", path: "/notifications", perViewer: true },
    { name: "a missing page (404)", path: "/no-such-page", perViewer: false },
    { name: "a missing discussion (404)", path: "/sections/no-such-section", perViewer: false },
    { name: "a missing comment (404)", path: "/c/999999999", perViewer: false },
  ];
}

export const ADMIN_PAGES: CheckedPage[] = [
  { name: "the moderation queue", path: "/admin", perViewer: true },
  { name: "the moderation log", path: "/admin/log", perViewer: true },
];

export const VIEWERS = ["signed out", "reader", "admin", "banned"] as const;
export type Viewer = (typeof VIEWERS)[number];

/** The pages a viewer is checked on: all of them signed out, the ones that change per viewer otherwise. */
export function pagesFor(viewer: Viewer, seed: ContentSeed): CheckedPage[] {
  const pages = readerPages(seed);
  if (viewer === "signed out") return pages;
  if (viewer === "admin") return [...pages.filter((page) => page.perViewer), ...ADMIN_PAGES];
  return pages.filter((page) => page.perViewer);
}

/** "Author Ana" is an admin in the e2e servers' environment (playwright.config.ts). */
const NAMES: Record<Exclude<Viewer, "signed out">, string> = { reader: "Checker Reader", admin: "Author Ana", banned: "Checker Banned" };

/**
 * A browser context as `viewer`. The banned reader signs in, then the admin bans them through the API,
 * so their pages show what a ban really shows.
 */
export async function contextAs(
  browser: Browser,
  baseURL: string,
  viewer: Viewer,
  options: Parameters<Browser["newContext"]>[0] = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ ...options, baseURL });
  if (viewer === "signed out") return context;
  await signInAs(context, NAMES[viewer]);
  if (viewer === "banned") await ban(browser, baseURL, context.request);
  return context;
}

async function ban(browser: Browser, baseURL: string, reader: APIRequestContext): Promise<void> {
  const { user } = (await (await reader.get("/api/auth/session")).json()) as { user: { id: string; banned: boolean } };
  if (user.banned) return;
  const admin = await browser.newContext({ baseURL });
  await signInAs(admin, NAMES.admin);
  const response = await admin.request.post(`/api/admin/users/${encodeURIComponent(user.id)}/ban`, { data: { reason: "a ban, for the checks" } });
  expect(response.status(), await response.text()).toBe(200);
  await admin.close();
}
