import { expect, test } from "@playwright/test";
import { contentBaseURL } from "../playwright.config";
import { contextAs, pagesFor, VIEWERS } from "./checked-pages";
import { readContentSeed } from "./content-states";
import { findLayoutProblems } from "./layout-checks";

// Every checked page (e2e/checked-pages.ts), as every viewer, on the content server's realistic and
// extreme content, at a small phone, a phone, a tablet and a laptop: the element boxes must fit the
// viewport, hold their text and not overlap (e2e/layout-checks.ts). Each page loads once and is
// resized in place; every disclosure is opened first, so the forms inside are checked too.
const WIDTHS = [320, 390, 768, 1280];

test.use({ baseURL: contentBaseURL });

for (const viewer of VIEWERS) {
  test(`every page fits at ${WIDTHS.join(", ")} px, with nothing clipped or overlapping (${viewer})`, async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await contextAs(browser, contentBaseURL, viewer, { viewport: { width: WIDTHS[0]!, height: 800 } });
    const page = await context.newPage();
    const problems: string[] = [];
    for (const checked of pagesFor(viewer, readContentSeed())) {
      await page.goto(checked.path);
      await page.locator("details:not([open])").evaluateAll((all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        for (const problem of await page.evaluate(findLayoutProblems)) problems.push(`${checked.path} at ${width} px: ${problem}`);
      }
    }
    await context.close();
    expect(problems).toEqual([]);
  });
}
