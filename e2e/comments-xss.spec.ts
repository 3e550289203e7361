import { expect, test, type Page } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { postComment } from "./discussion-helpers";
import { XSS_CORPUS } from "./fixtures/xss-corpus";
import { signInAs } from "./sign-in-as";

const SECTION = "different-this-time";
const BODY_TAGS = ["P", "BR", "EM", "STRONG", "DEL", "CODE", "PRE", "BLOCKQUOTE", "UL", "OL", "LI", "A", "HR"];

/** Watches a page for anything a hostile comment could make happen: dialogs, script, outside requests. */
function watch(page: Page) {
  const incidents: string[] = [];
  page.on("dialog", async (dialog) => {
    incidents.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(baseURL) && !url.startsWith("data:")) incidents.push(`request: ${url}`);
  });
  page.on("pageerror", (error) => incidents.push(`page error: ${error.message}`));
  return incidents;
}

/** Everything inside the comment bodies, checked in the live DOM. */
async function inspectCommentBodies(page: Page) {
  return page.evaluate((allowedTags) => {
    const problems: string[] = [];
    const bodies = [...document.querySelectorAll(".comment-body")];
    for (const body of bodies) {
      for (const element of body.querySelectorAll("*")) {
        if (!allowedTags.includes(element.tagName)) problems.push(`element <${element.tagName.toLowerCase()}>`);
        for (const attribute of element.attributes) {
          const name = attribute.name.toLowerCase();
          if (name.startsWith("on")) problems.push(`event handler ${name} on <${element.tagName.toLowerCase()}>`);
          if (!["href", "rel", "start"].includes(name)) problems.push(`attribute ${name} on <${element.tagName.toLowerCase()}>`);
        }
        const href = element.getAttribute("href");
        if (href !== null && !/^(https?:\/\/|mailto:)/i.test(href)) problems.push(`href ${href}`);
      }
    }
    for (const script of document.querySelectorAll(".comment-list script, .comment-body script"))
      problems.push(`script in a comment: ${script.outerHTML.slice(0, 80)}`);
    const scripts = [...document.querySelectorAll("script")].filter((script) => {
      const src = script.getAttribute("src");
      if (src) return !src.startsWith("/_next/");
      // Next's and React's own inline scripts: the streamed payload (self.__next_f.push), the chunk
      // loader, and the replay of forms submitted before hydration.
      return !/^\s*(\(?self\.__next_f|\(globalThis\["TURBOPACK"\]|addEventListener\("submit"|\$RC|\$RS|\$RV|requestAnimationFrame)/.test(
        script.textContent ?? "",
      );
    });
    for (const script of scripts) problems.push(`script: ${(script.getAttribute("src") ?? script.textContent ?? "").slice(0, 80)}`);
    return {
      bodies: bodies.length,
      problems,
      xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
      headings: document.querySelectorAll("h1").length,
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  }, BODY_TAGS);
}

test(`${XSS_CORPUS.length} hostile comments render inert in Chromium`, async ({ page, browser }) => {
  test.setTimeout(120_000);
  expect(XSS_CORPUS.length).toBeGreaterThanOrEqual(40);
  await signInAs(page.request, "Mallory");
  const ids: number[] = [];
  for (const body of XSS_CORPUS) ids.push(await postComment(page.request, SECTION, body));
  // Some as replies too, so nested rendering is covered.
  for (const body of XSS_CORPUS.slice(0, 8)) await postComment(page.request, SECTION, body, ids[0]);

  const context = await browser.newContext();
  const reader = await context.newPage();
  await signInAs(reader.request, "Careful Reader");
  const incidents = watch(reader);

  // The section's page, every page of it.
  await reader.goto(`/sections/${SECTION}?sort=old`);
  const loadMore = reader.getByRole("button", { name: "Load more comments" });
  const articles = reader.locator("article.comment");
  await expect(loadMore).toBeVisible(); // a button once hydrated (a link before)
  for (let pages = 0; pages < 10 && (await loadMore.count()) > 0; pages++) {
    const before = await articles.count();
    await loadMore.click();
    await expect.poll(() => articles.count()).toBeGreaterThan(before);
  }
  await expect(loadMore).toHaveCount(0);
  await reader.locator("article.comment").first().hover();
  let report = await inspectCommentBodies(reader);
  expect(report.bodies).toBeGreaterThanOrEqual(XSS_CORPUS.length);
  expect(report.problems).toEqual([]);
  expect(report.xss).toBeNull();
  expect(report.headings).toBe(1);
  expect(report.overflow).toBeLessThanOrEqual(0);

  // The essay, with the discussion open; and a permalink.
  await reader.goto("/");
  await reader.locator(`#discussion-${SECTION} > summary`).click();
  // The essay opens on the top few threads; "load more" brings the next page in place.
  const essayArticles = reader.locator(`#discussion-${SECTION} article.comment`);
  const preview = await essayArticles.count();
  await reader.locator(`#discussion-${SECTION}`).getByRole("button", { name: "Load more comments" }).click();
  await expect.poll(() => essayArticles.count()).toBeGreaterThan(preview);
  await essayArticles.first().hover();
  report = await inspectCommentBodies(reader);
  expect(report.bodies).toBeGreaterThanOrEqual(20);
  expect(report.problems).toEqual([]);
  expect(report.xss).toBeNull();
  expect(report.headings).toBe(1);

  await reader.goto(`/c/${ids[0]}#c-${ids[0]}`);
  report = await inspectCommentBodies(reader);
  expect(report.bodies).toBeGreaterThanOrEqual(9);
  expect(report.problems).toEqual([]);

  await reader.waitForTimeout(500); // anything delayed (onload, refresh, autofocus) would have fired by now
  expect(incidents).toEqual([]);
  expect(await reader.evaluate(() => (window as unknown as { __xss?: unknown }).__xss ?? null)).toBeNull();
  await context.close();
});
