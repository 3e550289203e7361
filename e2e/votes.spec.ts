import { expect, test, type Page } from "@playwright/test";
import { collectConsoleErrors } from "./console-errors";
import { signInAs } from "./sign-in-as";

interface ApiProposal {
  id: string;
  myStance: number | null;
  tally: { counts: Record<string, number>; total: number };
}

async function apiProposal(page: Page, id: string): Promise<ApiProposal> {
  const proposals: ApiProposal[] = await (await page.request.get("/api/proposals")).json();
  return proposals.find((proposal) => proposal.id === id)!;
}

/** The tally as the reader sees it on the page, in the API's shape. */
async function shownTally(page: Page, id: string) {
  const card = page.locator(`[data-proposal-id="${id}"]`);
  const counts: Record<string, number> = {};
  for (const stance of ["-2", "-1", "0", "1", "2"]) counts[stance] = Number(await card.getByTestId(`tally-${stance}`).textContent());
  return { counts, total: Number(await card.getByTestId("tally-total").textContent()) };
}

test("vote, change and withdraw with JavaScript; results appear only after voting and match the API", async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await signInAs(page, "Voting Vera");
  await page.goto("/#proposal-open-source");
  const card = page.locator('[data-proposal-id="open-source"]');
  await expect(card.getByRole("heading", { name: "Open source AI" })).toBeVisible();
  await expect(card.getByText("Results show here once you have voted")).toBeVisible();
  await expect(card.getByTestId("tally-total")).toHaveCount(0);

  await card.getByRole("button", { name: "Support", exact: true }).click();
  await expect(card.getByRole("button", { name: "Support", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(card.getByRole("status")).toHaveText("Your vote is recorded: Support.");
  await expect(card.getByTestId("tally-total")).toBeVisible();
  expect(await shownTally(page, "open-source")).toEqual((await apiProposal(page, "open-source")).tally);
  expect((await apiProposal(page, "open-source")).myStance).toBe(1);

  await card.getByRole("button", { name: "Strongly oppose" }).click();
  await expect(card.getByRole("status")).toHaveText("Your vote is recorded: Strongly oppose.");
  await expect(card.getByRole("button", { name: "Strongly oppose" })).toHaveAttribute("aria-pressed", "true");
  await expect(card.getByRole("button", { name: "Support", exact: true })).toHaveAttribute("aria-pressed", "false");
  expect((await apiProposal(page, "open-source")).myStance).toBe(-2);
  expect(await shownTally(page, "open-source")).toEqual((await apiProposal(page, "open-source")).tally);

  await card.getByRole("button", { name: "Withdraw my vote" }).click();
  await expect(card.getByRole("status")).toHaveText("Your vote is withdrawn.");
  await expect(card.getByText("Results show here once you have voted")).toBeVisible();
  expect((await apiProposal(page, "open-source")).myStance).toBeNull();
  expect(errors).toEqual([]);
});

test("the proposal page votes too, and a signed-out reader is brought back to it after signing in", async ({ page }) => {
  await page.goto("/proposals/treaties");
  await expect(page.getByRole("heading", { name: "Treaties against AI in war" })).toBeVisible();
  await page.getByRole("link", { name: "Sign in to vote" }).click();
  await page.getByLabel("Display name").fill("Returning Ravi");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/proposals\/treaties$/);
  await page.getByRole("button", { name: "Unsure" }).click();
  await expect(page.getByRole("status")).toHaveText("Your vote is recorded: Unsure.");
  expect((await apiProposal(page, "treaties")).myStance).toBe(0);
  expect(await shownTally(page, "treaties")).toEqual((await apiProposal(page, "treaties")).tally);
});

test("voting works with JavaScript disabled", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInAs(page, "No Script Noor");
  await page.goto("/proposals/government-funding");
  await page.getByRole("button", { name: "Strongly support" }).click();
  await expect(page.getByRole("button", { name: "Strongly support" })).toHaveAttribute("aria-pressed", "true");
  expect((await apiProposal(page, "government-funding")).myStance).toBe(2);
  expect(await shownTally(page, "government-funding")).toEqual((await apiProposal(page, "government-funding")).tally);

  await page.getByRole("button", { name: "Oppose", exact: true }).click();
  await expect(page.getByRole("button", { name: "Oppose", exact: true })).toHaveAttribute("aria-pressed", "true");
  expect((await apiProposal(page, "government-funding")).myStance).toBe(-1);

  await page.getByRole("button", { name: "Withdraw my vote" }).click();
  await expect(page.getByText("Results show here once you have voted")).toBeVisible();
  expect((await apiProposal(page, "government-funding")).myStance).toBeNull();
  await context.close();
});
