import { expect, test } from "@playwright/test";
import { collectConsoleErrors } from "./console-errors";

const SECTION_IDS = [
  "introduction",
  "different-this-time",
  "winners-take-most",
  "haves-and-have-nots",
  "geopolitics",
  "what-should-we-do",
  "open-source",
  "government-action",
  "treaties",
  "finally",
];

test("the essay renders at / with its ten sections, metadata and no console errors", async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "AI and the coming inequality" })).toBeVisible();
  await expect(page.locator("time[datetime='2024-12-16']")).toHaveText("December 16, 2024");
  await expect(page.getByText(/\d+ min read/)).toBeVisible();
  await expect(page.getByLabel("Tags")).toContainText("musings");

  const ids = await page.locator("article section[data-section-id]").evaluateAll((nodes) => nodes.map((node) => node.id));
  expect(ids).toEqual(SECTION_IDS);
  await expect(page.getByRole("heading", { name: "Geopolitical Ramifications" })).toBeVisible();

  // GitHub-flavoured strikethrough in "~~Winner~~ Winners takes ~~all~~ most".
  const struck = page.locator("#winners-take-most h2 del");
  await expect(struck).toHaveText(["Winner", "all"]);
  expect(await struck.first().evaluate((node) => getComputedStyle(node).textDecorationLine)).toContain("line-through");

  // External links open safely.
  // The essay's own links: readers' comments (in each section's discussion) are checked in comments-xss.spec.ts.
  const external = page.locator("article a[href^='http']:not(.discussion *)");
  expect(await external.count()).toBe(6);
  for (const rel of await external.evaluateAll((links) => links.map((link) => link.getAttribute("rel")))) {
    expect(rel).toBe("noopener noreferrer");
  }
  expect(errors).toEqual([]);
});

test("section anchors work from the table of contents and from a link", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Contents" }).getByRole("link", { name: "Treaties to prevent AI in use of war" }).click();
  await expect(page).toHaveURL(/#treaties$/);
  await expect(page.locator("#treaties")).toBeInViewport();

  await page.goto("/#finally");
  await expect(page.locator("#finally")).toBeInViewport();
  await expect(page.locator("#introduction")).not.toBeInViewport();
});

test("every essay has its own page, and an unknown one is a 404", async ({ page }) => {
  await page.goto("/essays/ai-and-the-coming-inequality");
  await expect(page.locator("article section[data-section-id]")).toHaveCount(10);
  const response = await page.goto("/essays/no-such-essay");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("reading the essay needs no JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("article section[data-section-id]")).toHaveCount(10);
  await expect(page.getByText("This may ultimately turn out to be the toughest challenge facing AI thus far.")).toBeVisible();
  await context.close();
});
