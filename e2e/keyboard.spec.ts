import { expect, test, type Locator, type Page } from "@playwright/test";
import { postComment } from "./discussion-helpers";
import { signInAs } from "./sign-in-as";

/** Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user would; fails if it never does. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 80 } = {}) {
  for (let presses = 0; presses < max; presses++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) break;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  await expect(target).toBeFocused();
  // Focus is visible: an outline (or a box shadow) is drawn around what has it.
  const style = await target.evaluate((element) => getComputedStyle(element));
  expect(style.outlineStyle !== "none" || style.boxShadow !== "none", "a visible focus indicator").toBe(true);
}

test("vote, sort, comment, reply and edit with the keyboard alone", async ({ page }) => {
  await signInAs(page.request, "Keyboard Kai");

  // Vote: Tab to a stance and press Enter; the choice is announced and focus stays on it.
  await page.goto("/proposals/treaties");
  const support = page.getByRole("button", { name: "Support", exact: true });
  await tabTo(page, support);
  await page.keyboard.press("Enter");
  await expect(support).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator(".vote-status")).not.toBeEmpty();
  await expect(support).toBeFocused();

  // Sort: the sort links are ordinary links.
  await page.goto("/sections/treaties");
  const newest = page.getByRole("navigation", { name: "Sort comments" }).getByRole("link", { name: "New" });
  await tabTo(page, newest);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/sort=new/);
  await expect(page.getByRole("navigation", { name: "Sort comments" }).getByRole("link", { name: "New" })).toHaveAttribute("aria-current", "page");

  // Comment: type, Tab to the button, Enter; focus lands on the new comment.
  const field = page.getByLabel("Add a comment");
  await tabTo(page, field);
  await page.keyboard.type("Typed without a mouse.");
  await tabTo(page, page.getByRole("button", { name: "Post comment" }));
  await page.keyboard.press("Enter");
  const comment = page.locator("article.comment").filter({ hasText: "Typed without a mouse." });
  await expect(comment).toBeFocused();
  await expect(page.getByTestId("discussion-status")).toHaveText("Your comment was posted.");

  // Reply: from the comment, Tab to its Reply, Space opens the form with the field focused.
  await tabTo(page, comment.getByRole("button", { name: "Reply" }));
  await page.keyboard.press("Space");
  await expect(page.getByLabel("Your reply")).toBeFocused();
  await page.keyboard.type("A keyboard reply.");
  await tabTo(page, page.getByRole("button", { name: "Post reply" }));
  await page.keyboard.press("Enter");
  const reply = page.locator(".comment-replies article.comment").filter({ hasText: "A keyboard reply." });
  await expect(reply).toBeFocused();

  // Edit: back up with Shift+Tab to the comment's Edit, change the text, save.
  await tabTo(page, comment.getByRole("button", { name: "Edit" }).first(), { backwards: true });
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Edit your comment")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("Edited without a mouse.");
  await tabTo(page, page.getByRole("button", { name: "Save edit" }));
  await page.keyboard.press("Enter");
  await expect(page.locator("article.comment").filter({ hasText: "Edited without a mouse." }).first()).toBeFocused();
});

test("report a comment with the keyboard alone", async ({ page, playwright, baseURL }) => {
  // Someone else's comment (your own cannot be reported).
  const other = await playwright.request.newContext({ baseURL });
  await signInAs(other, "Keyboard Author");
  await postComment(other, "finally", "A comment someone will report by keyboard.");
  await other.dispose();

  await signInAs(page.request, "Keyboard Reporter");
  await page.goto("/sections/finally?sort=new");
  const comment = page.locator("article.comment").filter({ hasText: "A comment someone will report by keyboard." });
  const report = comment.locator("summary", { hasText: "Report" });
  await tabTo(page, report);
  await page.keyboard.press("Enter");
  const reason = comment.getByLabel("Reason");
  await tabTo(page, reason);
  await page.keyboard.press("ArrowDown"); // the first reason: spam
  await expect(reason).toHaveValue("spam");
  await tabTo(page, comment.getByRole("button", { name: "Send report" }));
  await page.keyboard.press("Enter");
  await expect(comment.getByRole("status")).toContainText(/received|thank/i);
});
