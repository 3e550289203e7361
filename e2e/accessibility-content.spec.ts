import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, test, type Page } from "@playwright/test";
import type { AxeResults } from "axe-core";
import { contentBaseURL } from "../playwright.config";
import { contextAs, pagesFor, VIEWERS, type CheckedPage, type Viewer } from "./checked-pages";
import { CONTENT_STATES, readContentSeed } from "./content-states";

// axe (WCAG 2.2 AA, the tags e2e/accessibility.spec.ts uses) on phones, light and dark, over every
// checked page (e2e/checked-pages.ts) as every viewer, on the content server's realistic and extreme
// content. Every page at 390 px; the main pages, signed out, at 320 px too. For speed, axe is injected
// once per page load and run directly (resized and re-themed in place), reporting violations only; in
// dark mode it runs the rules that read colours, since the theme changes nothing else (CSS variables).

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
/** The WCAG 2.2 AA rules whose outcome depends on colours: all a dark theme can change. */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];
type RunOnly = { type: "tag" | "rule"; values: string[] };
const PHONE = 390;
const SMALL_PHONE = 320;
const { sections, proposals } = CONTENT_STATES;
/** Checked at 320 px as well, signed out: the pages most readers land on. */
const MAIN_PATHS = new Set(["/", `/sections/${sections.realistic}`, `/proposals/${proposals.million}`, "/results", "/signin"]);

const widthsFor = (viewer: Viewer, page: CheckedPage) => (viewer === "signed out" && MAIN_PATHS.has(page.path) ? [PHONE, SMALL_PHONE] : [PHONE]);

async function axeViolations(page: Page, runOnly: RunOnly): Promise<string[]> {
  const results = await page.evaluate(
    (only) =>
      (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe.run(document, {
        runOnly: only,
        resultTypes: ["violations"],
      }),
    runOnly,
  );
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.nodes
        .map((node) => node.target.join(" "))
        .slice(0, 5)
        .join(", ")}`,
  );
}

test.use({ baseURL: contentBaseURL });

for (const viewer of VIEWERS) {
  test(`every page has no WCAG 2.2 AA violations on phones, light and dark (${viewer})`, async ({ browser }) => {
    test.setTimeout(300_000);
    const context = await contextAs(browser, contentBaseURL, viewer, { viewport: { width: PHONE, height: 800 } });
    const page = await context.newPage();
    const problems: string[] = [];
    const backgrounds = new Set<string>();
    for (const checked of pagesFor(viewer, readContentSeed())) {
      await page.goto(checked.path);
      await page.evaluate(AXE_SOURCE);
      // Open every disclosure so what is inside is checked too.
      await page.locator("details:not([open])").evaluateAll((all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
      for (const width of widthsFor(viewer, checked)) {
        await page.setViewportSize({ width, height: 800 });
        for (const colorScheme of ["light", "dark"] as const) {
          await page.emulateMedia({ colorScheme });
          backgrounds.add(`${colorScheme} ${await page.evaluate(() => getComputedStyle(document.body).backgroundColor)}`);
          const runOnly: RunOnly = colorScheme === "light" ? { type: "tag", values: WCAG_TAGS } : { type: "rule", values: COLOUR_RULES };
          for (const violation of await axeViolations(page, runOnly)) problems.push(`${checked.path} at ${width} px, ${colorScheme}: ${violation}`);
        }
      }
    }
    await context.close();
    expect(problems).toEqual([]);
    // The themes really switched: one page background in light, another in dark.
    expect(backgrounds.size).toBe(2);
  });
}
