import { expect, test } from "@playwright/test";
import { collectConsoleErrors } from "./console-errors";
import { signInAs } from "./sign-in-as";

test("/results renders charts and tables after votes, and shows a new vote within 5 seconds without reloading", async ({ page, browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const errors = collectConsoleErrors(page);
  // Votes from two readers so agreement and profiles have data.
  for (const [name, stances] of [
    ["Results Rita", [2, 1, -1]],
    ["Results Raj", [1, -2, -1]],
  ] as const) {
    const context = await browser.newContext();
    await signInAs(context, name);
    for (const [i, id] of ["open-source", "government-funding", "treaties"].entries()) {
      const response = await context.request.put(`/api/proposals/${id}/vote`, { data: { stance: stances[i] }, headers: { origin } });
      expect(response.status()).toBe(200);
    }
    await context.close();
  }

  await page.goto("/results");
  await expect(page.getByRole("heading", { level: 1, name: "Results" })).toBeVisible();
  const card = page.locator('[data-result-id="treaties"]');
  await expect(card.locator("svg[role=img]").first()).toBeVisible();
  await expect(card.getByRole("table").first()).toBeVisible();
  const before = Number(await card.getByTestId("result-n").textContent());
  expect(before).toBeGreaterThanOrEqual(2);
  await expect(card.getByText(/Too uncertain to read much into yet/)).toBeVisible();
  await expect(page.getByTestId("agreement-table")).toContainText("Open source AI");
  await expect(page.getByTestId("profiles-table")).toBeVisible();
  await expect(page.getByTestId("activity-table")).toContainText("Geopolitical Ramifications");
  await expect(page.getByRole("link", { name: "data dictionary" })).toHaveAttribute("href", "/results/data");

  // Someone else votes; the open page updates by itself.
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  const other = await browser.newContext();
  await signInAs(other, "Late Voter Lou");
  const response = await other.request.put("/api/proposals/treaties/vote", { data: { stance: 2 }, headers: { origin } });
  expect(response.status()).toBe(200);
  await other.close();
  await expect(card.getByTestId("result-n")).toHaveText(String(before + 1), { timeout: 5000 });
  // Same document: no full reload happened.
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  expect(errors).toEqual([]);
});

test("each trend chart says its numbers in words and links to them day by day", async ({ page, browser, baseURL }) => {
  const context = await browser.newContext();
  await signInAs(context, "Trend Tess");
  expect((await context.request.put("/api/proposals/open-source/vote", { data: { stance: 1 }, headers: { origin: new URL(baseURL!).origin } })).status()).toBe(
    200,
  );
  await context.close();

  await page.goto("/results");
  const card = page.locator('[data-result-id="open-source"]');
  await expect(card.getByTestId("trend-summary")).toContainText(/\d+% \(\d+%–\d+%, n = \d+\)/);
  await card.getByRole("link", { name: "Every day as a table" }).click();
  await expect(page).toHaveURL(/\/results\/trends#trend-open-source$/);
  const table = page.locator("#trend-open-source").getByTestId("trend-table");
  const today = new Date().toISOString().slice(0, 10);
  await expect(table.getByRole("row").filter({ hasText: today })).toHaveCount(1);
  await expect(table.getByRole("row").filter({ hasText: today }).getByRole("cell").nth(3)).toHaveText(/^\d+%–\d+%$/);
});

test("the data dictionary explains every export column", async ({ page }) => {
  await page.goto("/results/data");
  for (const column of ["voter_id", "proposal_id", "stance", "day"]) await expect(page.getByText(column, { exact: true })).toBeVisible();
});

test("the auto-refresh waits while the keyboard focus is inside the results, so a reader on a link keeps it", async ({ page, browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await page.goto("/results");
  const card = page.locator('[data-result-id="government-funding"]');
  const before = Number(await card.getByTestId("result-n").textContent());
  const link = card.getByRole("heading", { level: 2 }).getByRole("link");
  await link.focus();

  const other = await browser.newContext();
  await signInAs(other, "Focus Fiona");
  expect((await other.request.put("/api/proposals/government-funding/vote", { data: { stance: 1 }, headers: { origin } })).status()).toBe(200);
  await other.close();

  // Two refresh periods pass with the focus on the card's link: the card is not replaced under it.
  await page.waitForTimeout(7000);
  await expect(link).toBeFocused();
  await expect(card.getByTestId("result-n")).toHaveText(String(before));
  // Focus moves on; the next refresh shows the new vote.
  await page.getByRole("heading", { level: 1, name: "Results" }).click();
  await expect(card.getByTestId("result-n")).toHaveText(String(before + 1), { timeout: 5000 });
});
