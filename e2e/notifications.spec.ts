import { expect, test, type Browser, type Page } from "@playwright/test";
import { postComment } from "./discussion-helpers";
import { signInAs } from "./sign-in-as";

// A reader comments, another replies in the browser; the first sees the unread count in the header,
// opens /notifications, follows the entry and lands on the reply's permalink. With JavaScript on, and off.

async function readerPage(browser: Browser, javaScriptEnabled: boolean, name: string): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await signInAs(page, name);
  return page;
}

for (const javaScriptEnabled of [true, false]) {
  test(`a reply reaches its comment's author as a notification that leads to it (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser }) => {
    const suffix = javaScriptEnabled ? "Script" : "Plain";
    const author = await readerPage(browser, javaScriptEnabled, `Noted Nia ${suffix}`);
    const replier = await readerPage(browser, javaScriptEnabled, `Replying Rui ${suffix}`);
    const text = `Nia's point, ${suffix.toLowerCase()} edition`;
    const commentId = await postComment(author.request, "geopolitics", text);

    // Before the reply: no count in the header.
    await author.goto("/");
    await expect(author.getByTestId("notifications-link")).toHaveAccessibleName("Notifications");
    await expect(author.getByTestId("unread-count")).toHaveCount(0);

    // The reply, written in the browser: in place with JavaScript, on the permalink's form without.
    const replyText = `Rui answers Nia (${suffix.toLowerCase()})`;
    await replier.goto("/sections/geopolitics");
    const comment = replier.locator(`#c-${commentId}`);
    if (javaScriptEnabled) await comment.getByRole("button", { name: "Reply" }).click();
    else {
      await comment.getByRole("link", { name: "Reply" }).click();
      await expect(replier).toHaveURL(new RegExp(`/c/${commentId}\\?reply=1#c-${commentId}$`));
    }
    await replier.getByLabel("Your reply").fill(replyText);
    await replier.getByRole("button", { name: "Post reply" }).click();
    await expect(replier.locator("article.comment").filter({ hasText: replyText })).toBeVisible();

    // The author sees the count, opens the notifications and follows the entry.
    await author.goto("/");
    await expect(author.getByTestId("unread-count")).toHaveText("1");
    await expect(author.getByTestId("notifications-link")).toHaveAccessibleName("Notifications, 1 unread");
    await author.getByTestId("notifications-link").click();
    await expect(author).toHaveURL(/\/notifications$/);
    await expect(author.getByRole("heading", { level: 1 })).toHaveText("Notifications");
    const entry = author.getByTestId("notification").filter({ hasText: replyText });
    await expect(entry).toHaveClass(/notification-unread/);
    await expect(entry).toContainText("Unread:");
    await entry.getByRole("link", { name: `Replying Rui ${suffix} replied to your comment` }).click();

    // On the reply's permalink, under the comment it answers; read now, so the count is gone.
    await expect(author).toHaveURL(/\/c\/\d+(#c-\d+)?$/);
    const replyId = /\/c\/(\d+)/.exec(author.url())![1];
    expect(Number(replyId)).toBeGreaterThan(commentId);
    await expect(author.locator(`#c-${replyId}`)).toContainText(replyText);
    await expect(author.getByText(text)).toBeVisible();
    await expect(author.getByTestId("unread-count")).toHaveCount(0);
    await author.goto("/notifications");
    await expect(author.getByTestId("notification").filter({ hasText: replyText })).not.toHaveClass(/notification-unread/);

    // "Mark all read" is offered only while something is unread; the replier wrote nothing anyone answered.
    await expect(author.getByRole("button", { name: "Mark all read" })).toHaveCount(0);
    await replier.goto("/notifications");
    await expect(replier.getByText("Nothing yet.")).toBeVisible();

    await author.context().close();
    await replier.context().close();
  });
}

test("marking one read without JavaScript clears the count", async ({ browser }) => {
  const author = await readerPage(browser, false, "Marking Mo");
  const replier = await readerPage(browser, false, "Marking Replier");
  const commentId = await postComment(author.request, "treaties", "Mo's comment to be answered twice");
  await postComment(replier.request, "treaties", "First answer to Mo", commentId);
  await postComment(replier.request, "treaties", "Second answer to Mo", commentId);

  await author.goto("/notifications");
  await expect(author.getByTestId("unread-count")).toHaveText("2");
  await author.getByTestId("notification").filter({ hasText: "First answer to Mo" }).getByRole("button", { name: "Mark read" }).click();
  await expect(author.getByTestId("unread-count")).toHaveText("1");
  await author.getByRole("button", { name: "Mark all read" }).click();
  await expect(author.getByTestId("unread-count")).toHaveCount(0);
  await expect(author.locator(".notification-unread")).toHaveCount(0);
  await author.context().close();
  await replier.context().close();
});
