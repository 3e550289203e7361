import { expect, test, type Page } from "@playwright/test";
import { contentBaseURL } from "../playwright.config";
import { contextAs, pagesFor } from "./checked-pages";
import { readContentSeed } from "./content-states";

// With the realistic content (long code lines, unbroken words and URLs, right-to-left text, emoji, a
// deep thread, 1- and 64-character names, a million votes), every page stays usable from the narrowest
// phone to a laptop. Checked on element boxes, not screenshots: no sideways page scroll, no control or
// text box cut off by the viewport or by its own container, no two controls on top of each other.

const WIDTHS = [320, 390, 768, 1280];

/** What is wrong with the layout of the page as it is now; [] when nothing. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const viewportWidth = window.innerWidth;
    const scroller = document.scrollingElement!;
    if (scroller.scrollWidth > viewportWidth) problems.push(`the page scrolls sideways: ${scroller.scrollWidth} px in ${viewportWidth} px`);

    const describe = (element: Element) => {
      const text = (element.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      return `<${element.tagName.toLowerCase()}${element.className ? ` class="${element.className}"` : ""}> "${text}"`;
    };
    // Hidden on purpose: not rendered, visually-hidden text (1 px), or a skip link parked off screen.
    const shown = (element: Element) => {
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (style.visibility === "hidden" || style.display === "none" || box.width <= 1 || box.height <= 1) return false;
      return box.right > 0 && box.left < viewportWidth;
    };

    // 1. Every control and every text block lies wholly inside the viewport's width.
    const key = [...document.querySelectorAll("main *, header *, footer *, nav *")].filter(
      (element) =>
        element.matches("a, button, input, select, textarea, summary, label, h1, h2, h3, p, li, pre, blockquote, table, .comment-author, .upvote-count") &&
        shown(element),
    );
    for (const element of key) {
      const box = element.getBoundingClientRect();
      if (box.left < -1 || box.right > viewportWidth + 1)
        problems.push(`cut off by the viewport (${Math.round(box.left)}–${Math.round(box.right)} px): ${describe(element)}`);
    }

    // 2. Nothing is cut off by a container that hides its overflow (comment bodies do, to contain layouts).
    for (const element of document.querySelectorAll("main *")) {
      const style = getComputedStyle(element);
      if (!shown(element) || !["hidden", "clip"].includes(style.overflowX)) continue;
      if (element.scrollWidth > element.clientWidth + 1)
        problems.push(`content clipped (${element.scrollWidth} px in ${element.clientWidth} px): ${describe(element)}`);
    }

    // 3. No two controls overlap (one inside the other is fine: a link in a list item, say). Inline
    //    controls are compared line box by line box, so a link wrapping over two lines is not one big box.
    const controls = [...document.querySelectorAll("a, button, input, select, textarea, summary")].filter(shown);
    const boxes = controls.flatMap((element) =>
      [...element.getClientRects()].filter((rect) => rect.width > 1 && rect.height > 1).map((rect) => ({ element, rect })),
    );
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.element === b.element || a.element.contains(b.element) || b.element.contains(a.element)) continue;
        const overlapX = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
        const overlapY = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
        if (overlapX > 2 && overlapY > 2) problems.push(`overlap: ${describe(a.element)} and ${describe(b.element)}`);
      }
    }
    return [...new Set(problems)].slice(0, 20);
  });
}

for (const width of WIDTHS) {
  test(`${width} px wide: every page fits its realistic content, nothing clipped or overlapping`, async ({ browser }) => {
    test.setTimeout(120_000);
    // Signed in: the most controls (reply, edit, upvote, vote forms) to fit.
    const context = await contextAs(browser, contentBaseURL, "reader", { viewport: { width, height: 900 }, isMobile: width < 768, hasTouch: width < 768 });
    const page = await context.newPage();
    const found: Record<string, string[]> = {};
    for (const { name, path } of pagesFor("signed out", readContentSeed())) {
      await page.goto(path);
      // Open every disclosure (replies, forms, menus): what they hold must fit too.
      await page
        .locator("details:not([open]) > summary:visible")
        .evaluateAll((summaries) => summaries.forEach((summary) => ((summary.parentElement as HTMLDetailsElement).open = true)));
      const problems = await layoutProblems(page);
      if (problems.length > 0) found[`${name} (${path})`] = problems;
    }
    await context.close();
    expect(found).toEqual({});
  });
}
