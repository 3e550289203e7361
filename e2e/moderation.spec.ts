import { expect, test, type Browser } from "@playwright/test";
import { collectConsoleErrors } from "./console-errors";
import { signInAs } from "./sign-in-as";

async function asReader(browser: Browser, name: string) {
  const context = await browser.newContext();
  await signInAs(context, name);
  return { context, page: await context.newPage() };
}

async function postComment(browser: Browser, name: string, body: string): Promise<number> {
  const { context } = await asReader(browser, name);
  const response = await context.request.post("/api/sections/geopolitics/comments", { data: { body } });
  expect(response.status()).toBe(201);
  const id = (await response.json()).comment.id as number;
  await context.close();
  return id;
}

test("three readers report a comment: it is hidden pending review, and the admin restores it from /admin", async ({ browser }) => {
  const id = await postComment(browser, "Spammy Sam", "Buy cheap watches");
  for (const name of ["Rep One", "Rep Two", "Rep Three"]) {
    const { context, page } = await asReader(browser, name);
    await page.goto(`/c/${id}`);
    const comment = page.locator(`#c-${id}`);
    await comment.getByText("Report", { exact: true }).click();
    await comment.getByLabel("Reason").selectOption("spam");
    await comment.getByRole("button", { name: "Send report" }).click();
    await expect(comment.getByRole("status")).toContainText("your report was received");
    await context.close();
  }
  const { context: viewer, page: reader } = await asReader(browser, "Rep One");
  await reader.goto(`/c/${id}`);
  await expect(reader.locator(`#c-${id}`)).toContainText("removed by a moderator");
  await viewer.close();

  const { context, page } = await asReader(browser, "Author Ana");
  await page.goto("/admin");
  const item = page.locator(`[data-comment-id="${id}"]`);
  await expect(item).toContainText("3 open reports");
  await expect(item).toContainText("hidden pending review");
  await item.getByRole("button", { name: "Restore" }).click();
  await expect(page.locator(`[data-comment-id="${id}"]`)).toHaveCount(0);
  await page.goto("/admin/log");
  await expect(page.getByRole("table")).toContainText("comment.restore");
  await context.close();
});

test("an admin bans a reader, who then cannot comment and is told why", async ({ browser }) => {
  const id = await postComment(browser, "Rude Rex", "Insults");
  const { context: reporter } = await asReader(browser, "Rep Four");
  expect((await reporter.request.post(`/api/comments/${id}/report`, { data: { reason: "harassment" } })).status()).toBe(201);
  await reporter.close();

  const { context, page } = await asReader(browser, "Author Ana");
  await page.goto("/admin");
  const item = page.locator(`[data-comment-id="${id}"]`);
  await item.getByPlaceholder("Reason (required)").fill("harassing other readers");
  await item.getByRole("button", { name: "Ban Rude Rex" }).click();
  await expect(page.getByRole("heading", { name: /Banned readers/ })).toContainText("(1)");
  await context.close();

  const { context: banned, page: rex } = await asReader(browser, "Rude Rex");
  await rex.goto("/sections/geopolitics");
  await expect(rex.getByText(/banned from taking part: harassing other readers/)).toBeVisible();
  const refused = await banned.request.post("/api/sections/geopolitics/comments", { data: { body: "Still here" } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toContain("harassing other readers");
  await banned.close();
});

test("non-admins get 404 on /admin", async ({ browser }) => {
  const { context, page } = await asReader(browser, "Curious Cat");
  expect((await page.goto("/admin"))?.status()).toBe(404);
  expect((await page.goto("/admin/log"))?.status()).toBe(404);
  await context.close();
});

test("every page loads with no CSP violation and hydrates under the policy", async ({ browser }) => {
  const { context, page } = await asReader(browser, "Author Ana");
  const errors = collectConsoleErrors(page);
  const id = await postComment(browser, "Page Pat", "For the permalink");
  for (const path of ["/", "/sections/geopolitics", `/c/${id}`, "/proposals/open-source", "/results", "/results/data", "/signin", "/admin", "/admin/log"]) {
    await page.goto(path);
    // React marks hydrated roots; a page whose scripts were blocked never gets them.
    await expect.poll(() => page.evaluate(() => Object.keys(document.body).some((key) => key.startsWith("__react"))), { message: path }).toBe(true);
  }
  // A client component reacts: the vote form on a proposal posts and updates in place.
  await page.goto("/proposals/open-source");
  await page
    .getByRole("button", { name: /^Support/ })
    .first()
    .click();
  await expect(page.getByText(/your vote|You voted|Support/i).first()).toBeVisible();
  expect(errors.filter((error) => /Content Security Policy|Refused to/i.test(error))).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});
