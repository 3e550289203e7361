import { expect, test } from "@playwright/test";
import { collectConsoleErrors } from "./console-errors";
import { postComment } from "./discussion-helpers";
import { signInAs } from "./sign-in-as";

test("a signed-out reader sees each discussion's count and an invitation to sign in", async ({ page }) => {
  await page.goto("/");
  const discussion = page.locator("#discussion-introduction");
  await expect(discussion.locator(":scope > summary")).toHaveText(/\d+ comments?/);
  await discussion.locator(":scope > summary").click();
  const link = discussion.getByRole("link", { name: "Sign in to join the discussion" });
  await expect(link).toHaveAttribute("href", "/signin?callbackUrl=%2Fsections%2Fintroduction");
  await expect(discussion.getByRole("textbox")).toHaveCount(0);
});

test("post, reply, edit, delete and upvote on the essay page, with focus and announcements", async ({ page, browser }) => {
  const errors = collectConsoleErrors(page);
  await signInAs(page.request, "Poster Pia");
  await page.goto("/");
  const discussion = page.locator("#discussion-winners-take-most");
  const status = discussion.getByTestId("discussion-status");
  await discussion.locator(":scope > summary").click();
  await expect(discussion.locator("form.comment-form-new")).toHaveAttribute("data-enhanced", "true");

  // Post: the comment appears, takes focus, is announced and counted (summary and contents).
  await discussion.getByLabel("Add a comment").fill("My **first** comment");
  await discussion.getByRole("button", { name: "Post comment" }).click();
  const comment = discussion.locator("article.comment").filter({ hasText: "My first comment" });
  await expect(comment).toBeFocused();
  await expect(comment.locator("strong")).toHaveText("first");
  await expect(status).toHaveText("Your comment was posted.");
  await expect(discussion.locator(":scope > summary")).toHaveText(/^\s*▸?\s*1 comment/);
  await expect(
    page
      .getByRole("navigation", { name: "Contents" })
      .getByRole("link", { name: /Winners takes most/ })
      .getByTestId("toc-comment-count"),
  ).toHaveText("1");
  await expect(discussion.getByLabel("Add a comment")).toHaveValue("");

  // A server-side error shows next to the field (and keeps what was typed).
  await discussion.getByLabel("Add a comment").fill("x".repeat(5001));
  await discussion.getByRole("button", { name: "Post comment" }).click();
  await expect(discussion.locator(".comment-form-new .field-error")).toHaveText("A comment has at most 5,000 characters.");
  await expect(discussion.getByLabel("Add a comment")).toHaveValue("x".repeat(5001));
  await discussion.getByLabel("Add a comment").fill("");

  // Reply: nested under the comment, focused.
  await comment.getByRole("button", { name: "Reply" }).click();
  await discussion.getByLabel("Your reply").fill("Replying to *myself*");
  await discussion.getByRole("button", { name: "Post reply" }).click();
  const reply = discussion.locator(".comment-replies article.comment").filter({ hasText: "Replying to myself" });
  await expect(reply).toBeFocused();
  await expect(status).toHaveText("Your reply was posted.");
  await expect(discussion.getByLabel("Your reply")).toHaveCount(0);

  // Edit: the new text, marked edited.
  await comment.getByRole("button", { name: "Edit" }).click();
  await discussion.getByLabel("Edit your comment").fill("My edited comment");
  await discussion.getByRole("button", { name: "Save edit" }).click();
  const edited = discussion.locator("article.comment").filter({ hasText: "My edited comment" });
  await expect(edited).toBeFocused();
  await expect(edited.locator(".comment-edited")).toHaveText("edited");
  await expect(status).toHaveText("Your edit was saved.");

  // Admins see the earlier version in a history disclosure; readers do not.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAs(admin.request, "Author Ana");
  await admin.goto("/sections/winners-take-most");
  const history = admin.locator("article.comment").filter({ hasText: "My edited comment" }).locator(".comment-history");
  await history.locator("summary").click();
  await expect(history.locator("summary")).toHaveText("History (1 earlier version)");
  await expect(history.locator("pre")).toHaveText("My **first** comment");
  await adminContext.close();
  await expect(edited.locator(".comment-history")).toHaveCount(0);

  // Another reader upvotes it: the count moves at once and stays after a reload.
  const context = await browser.newContext();
  const other = await context.newPage();
  await signInAs(other.request, "Upvoter Uma");
  await other.goto("/sections/winners-take-most");
  const upvote = other.locator("article.comment").filter({ hasText: "My edited comment" }).getByTestId("upvote");
  await expect(upvote).toHaveAttribute("aria-pressed", "false");
  await upvote.click();
  await expect(upvote).toHaveAttribute("aria-pressed", "true");
  await expect(upvote).toHaveText("▲ 1");
  await expect(other.getByTestId("discussion-status")).toHaveText("Upvoted. 1 upvote.");
  await other.reload();
  await expect(upvote).toHaveAttribute("aria-pressed", "true");
  await expect(upvote).toHaveText("▲ 1");
  await upvote.click();
  await expect(upvote).toHaveText("▲ 0");
  await other.reload();
  await expect(upvote).toHaveAttribute("aria-pressed", "false");
  // Uma replies, so deleting the parent will leave a placeholder.
  const umaReply = await postComment(other.request, "winners-take-most", "Uma was here", Number(await edited.getAttribute("data-comment-id")));
  await context.close();
  // Nobody upvotes their own comment: the author sees the count, not a button.
  await page.reload();
  await discussion.locator(":scope > summary").click();
  await expect(discussion.locator("form.comment-form-new")).toHaveAttribute("data-enhanced", "true");
  await expect(edited.getByTestId("upvote")).toHaveCount(0);

  // Delete the reply without replies: it leaves the thread.
  await reply.locator(".comment-delete summary").click();
  await reply.getByRole("button", { name: "Yes, delete" }).click();
  await expect(discussion.locator("article.comment").filter({ hasText: "Replying to myself" })).toHaveCount(0);
  await expect(status).toHaveText("Comment deleted.");

  // Delete the comment with a reply: a [deleted] placeholder keeps Uma's reply in place.
  await edited.locator(".comment-delete summary").click();
  await edited.getByRole("button", { name: "Yes, delete" }).click();
  await expect(discussion.locator("article.comment").filter({ hasText: "My edited comment" })).toHaveCount(0);
  const placeholder = discussion.locator("article.comment").filter({ hasText: "[deleted]" });
  await expect(placeholder).toHaveCount(1);
  await expect(discussion.locator(`#c-${umaReply}`)).toContainText("Uma was here");
  await expect(discussion.locator(":scope > summary")).toHaveText(/^\s*▸?\s*1 comment/);
  expect(errors).toEqual([]);
});

test("sorting and loading more on a section's page", async ({ page }) => {
  await signInAs(page.request, "Seeder Sam");
  const ids: number[] = [];
  for (let i = 1; i <= 25; i++) ids.push(await postComment(page.request, "haves-and-have-nots", `Seeded comment ${String(i).padStart(2, "0")}`));
  await signInAs(page.request, "Voter Val");
  expect((await page.request.put(`/api/comments/${ids[4]}/upvote`)).status()).toBe(200);

  await page.goto("/sections/haves-and-have-nots");
  await expect(page.getByRole("heading", { level: 1, name: "AI Haves and AI Have Nots" })).toBeVisible();
  const topLevel = page.locator(".discussion-panel > .comment-list > li > article, .discussion-panel > .comment-page > .comment-list > li > article");
  await expect(topLevel).toHaveCount(20);
  // Top: the upvoted one first, then newest first.
  await expect(topLevel.nth(0)).toContainText("Seeded comment 05");
  await expect(topLevel.nth(1)).toContainText("Seeded comment 25");
  await page.getByRole("button", { name: "Load more comments" }).click(); // a button once hydrated (a link before)
  await expect(topLevel).toHaveCount(25);
  await expect(topLevel.nth(24)).toContainText("Seeded comment 01");
  await expect(page.getByRole("button", { name: "Load more comments" })).toHaveCount(0);
  await expect(page.getByTestId("discussion-status")).toHaveText("5 more comments loaded.");

  await page.getByRole("navigation", { name: "Sort comments" }).getByRole("link", { name: "New" }).click();
  await expect(page).toHaveURL(/sort=new/);
  await expect(topLevel.nth(0)).toContainText("Seeded comment 25");
  await expect(page.getByRole("link", { name: "New" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("navigation", { name: "Sort comments" }).getByRole("link", { name: "Old" }).click();
  await expect(page).toHaveURL(/sort=old/);
  await expect(topLevel.nth(0)).toContainText("Seeded comment 01");
  await expect(topLevel).toHaveCount(20);
});

test("deep threads continue on permalinks, which show the nearest comments above, link further up and scroll to the comment", async ({ page }) => {
  await signInAs(page.request, "Deep Diver");
  const chain = [await postComment(page.request, "geopolitics", "Level 0")];
  for (let depth = 1; depth <= 8; depth++) chain.push(await postComment(page.request, "geopolitics", `Level ${depth}`, chain.at(-1)));

  await page.goto("/sections/geopolitics");
  await expect(page.locator(`#c-${chain[5]}`)).toContainText("Level 5");
  await expect(page.locator(`#c-${chain[6]}`)).toHaveCount(0);
  await page.getByRole("link", { name: "Continue this thread (1 more reply) →" }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${chain[5]}#c-${chain[5]}$`));
  await expect(page.locator(`#c-${chain[5]}`)).toBeInViewport();
  await expect(page.getByRole("region", { name: "Earlier in this thread" }).locator("article")).toHaveCount(3);
  await expect(page.locator(`#c-${chain[8]}`)).toContainText("Level 8");

  // A comment's time is its permalink.
  await page.goto(`/c/${chain[8]}#c-${chain[8]}`);
  const target = page.locator(`#c-${chain[8]}`);
  await expect(target).toBeInViewport();
  await expect(target).toHaveAttribute("data-focused", "true");
  const above = page.getByRole("region", { name: "Earlier in this thread" }).locator("article");
  await expect(above).toHaveCount(3);
  await expect(above.first()).toContainText("Level 5");
  // Higher up is one link away: the parent thread's permalink, which again shows three above it.
  await page.getByRole("link", { name: "↑ Continue to the parent thread" }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${chain[4]}#c-${chain[4]}$`));
  await expect(page.locator(`#c-${chain[4]}`)).toBeInViewport();
  await expect(above.first()).toContainText("Level 1");
  await page.getByRole("link", { name: "↑ Continue to the parent thread" }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${chain[0]}#c-${chain[0]}$`));
  await expect(page.getByRole("region", { name: "Earlier in this thread" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "↑ Continue to the parent thread" })).toHaveCount(0);
  expect((await page.goto("/c/999999999"))?.status()).toBe(404);
});

test("posting and replying work without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInAs(context.request, "No Script Noor");

  // On the essay: the disclosure opens natively, the form posts, the reader lands on the comment.
  await page.goto("/");
  const discussion = page.locator("#discussion-what-should-we-do");
  await discussion.locator(":scope > summary").click();
  await discussion.getByLabel("Add a comment").fill("Posted *without* JavaScript");
  await discussion.getByRole("button", { name: "Post comment" }).click();
  await expect(page).toHaveURL(/\/c\/\d+#c-\d+$/);
  const posted = page.locator("article.comment").filter({ hasText: "Posted without JavaScript" });
  await expect(posted).toBeVisible();
  await expect(posted.locator("em")).toHaveText("without");

  // Reply: "Reply" is a link to the permalink with the form open.
  await page.goto("/sections/what-should-we-do");
  await page.locator("article.comment").filter({ hasText: "Posted without JavaScript" }).getByRole("link", { name: "Reply" }).click();
  await expect(page).toHaveURL(/\/c\/\d+\?reply=1#c-\d+$/);
  await page.getByLabel("Your reply").fill("A reply without JavaScript");
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page).toHaveURL(/\/c\/\d+#c-\d+$/);
  await expect(page.getByRole("region", { name: "Earlier in this thread" })).toContainText("Posted without JavaScript");
  await expect(page.locator("article.comment[data-focused]")).toContainText("A reply without JavaScript");

  await page.goto("/sections/what-should-we-do");
  await expect(page.locator(".comment-replies article.comment")).toContainText("A reply without JavaScript");
  // A mistake comes back next to the field.
  await page.getByLabel("Add a comment").evaluate((textarea: HTMLTextAreaElement) => textarea.removeAttribute("required"));
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.locator(".comment-form-new .field-error")).toHaveText("Write a comment.");
  await context.close();
});
