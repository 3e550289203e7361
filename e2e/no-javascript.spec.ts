import { expect, test } from "@playwright/test";

// The whole reader's path in one browser with JavaScript off: read, sign in, vote, comment, reply.
test.use({ javaScriptEnabled: false });

test("read, sign in, vote, comment and reply without JavaScript", async ({ page }) => {
  // Read: the essay, its contents menu and a discussion are all native HTML.
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator("#treaties")).toContainText(/./);
  await page.locator("#discussion-treaties > summary").click();
  await page.locator("#discussion-treaties").getByRole("link", { name: "Sign in to join the discussion" }).click();

  // Sign in with the development login: a form post to a server action that redirects back.
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsections%2Ftreaties/);
  await page.getByLabel("Display name").fill("Plain HTML Hana");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sections\/treaties/);
  await expect(page.getByTestId("signed-in-as")).toHaveText("Plain HTML Hana");

  // Comment.
  await page.getByLabel("Add a comment").fill("Posted with **no** script.");
  await page.getByRole("button", { name: "Post comment" }).click();
  const comment = page.locator("article.comment").filter({ hasText: "Posted with no script." });
  await expect(comment).toBeVisible();

  // Reply: "Reply" is a link to the permalink with its form open.
  await comment.getByRole("link", { name: "Reply" }).click();
  await page.getByLabel("Your reply").fill("A reply, also without script.");
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.locator("article.comment").filter({ hasText: "A reply, also without script." })).toBeVisible();

  // Vote on the proposal, then see the tally the vote unlocks.
  await page.goto("/proposals/treaties");
  await page.getByRole("button", { name: "Strongly support" }).click();
  await expect(page.getByRole("button", { name: "Strongly support" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("tally-total")).not.toHaveText("0");

  // The essay shows the reader's progress.
  await page.goto("/");
  await expect(page.getByTestId("reading-progress")).toHaveText(/^1 of 3 proposals voted$/);
});
