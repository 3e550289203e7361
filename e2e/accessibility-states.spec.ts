import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { contentBaseURL } from "../playwright.config";
import { contextAs, pagesFor, type Viewer } from "./checked-pages";
import { readContentSeed } from "./content-states";

// axe (WCAG 2.2 AA), light and dark, on phones, over the content server's states: realistic comments,
// 10,000 comments, locked and empty discussions, 0/1/1,000,000 votes, 404s; signed out, signed in, as
// an admin and banned. e2e/accessibility.spec.ts covers the same pages on the main server at desktop size.

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Each viewer at one phone width, so both widths see every page: 320 px (the narrowest phones) and 390 px. */
const RUNS: { viewer: Viewer; width: number }[] = [
  { viewer: "signed out", width: 390 },
  { viewer: "reader", width: 320 },
  { viewer: "admin", width: 390 },
  { viewer: "banned", width: 320 },
  { viewer: "signed out", width: 320 },
];

async function violations(page: Page): Promise<string[]> {
  // Open every disclosure so what is inside is checked too.
  await page
    .locator("details:not([open]) > summary:visible")
    .evaluateAll((summaries) => summaries.forEach((summary) => ((summary.parentElement as HTMLDetailsElement).open = true)));
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.nodes
        .map((node) => node.target.join(" "))
        .slice(0, 5)
        .join(", ")}`,
  );
}

for (const colorScheme of ["light", "dark"] as const) {
  for (const { viewer, width } of RUNS) {
    test(`${colorScheme} mode, ${width} px, ${viewer}: no WCAG 2.2 AA violations on any page`, async ({ browser }) => {
      test.setTimeout(120_000);
      const context = await contextAs(browser, contentBaseURL, viewer, { colorScheme, viewport: { width, height: 800 }, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      const found: Record<string, string[]> = {};
      for (const { name, path } of pagesFor(viewer, readContentSeed())) {
        await page.goto(path);
        const list = await violations(page);
        if (list.length > 0) found[`${name} (${path})`] = list;
      }
      await context.close();
      expect(found).toEqual({});
    });
  }
}
