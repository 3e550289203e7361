import { expect, test } from "@playwright/test";
import { collectConsoleErrors } from "./console-errors";
import { signInAs } from "./sign-in-as";

test("sign in with the development login, see your name, sign out", async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await page.goto("/");
  await page.getByRole("banner").getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("heading", { name: "Sign in to take part" })).toBeVisible();

  await page.getByLabel("Display name").fill("Playwright Pat");
  await page.getByRole("button", { name: "Sign in" }).click();

  // Back where the reader came from, signed in.
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("signed-in-as")).toHaveText("Playwright Pat");
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(session.user).toMatchObject({ name: "Playwright Pat", role: "reader" });

  // A copy of the cookie taken before signing out (another browser, a thief) ...
  const copied = await page.context().storageState();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  expect(await (await page.request.get("/api/auth/session")).json()).toEqual({});
  // ... is signed out too: the session ended on the server.
  const copy = await page.context().browser()!.newContext({ storageState: copied });
  expect((await (await copy.request.get("/api/auth/session")).json()).user).toBeUndefined();
  await copy.close();
  expect(errors).toEqual([]);
});

test("settings: sign out everywhere ends the sessions of every browser, with and without JavaScript", async ({ browser }) => {
  for (const javaScriptEnabled of [true, false]) {
    const name = javaScriptEnabled ? "Everywhere Eli" : "Everywhere Emi";
    const phone = await browser.newContext();
    await signInAs(phone, name);
    const laptop = await browser.newContext({ javaScriptEnabled });
    const page = await laptop.newPage();
    await signInAs(laptop, name);
    await page.goto("/");
    await page.getByTestId("signed-in-as").click();
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByText("in 2 browsers or apps")).toBeVisible();
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page.getByRole("status")).toContainText("You are signed out everywhere");
    expect((await (await phone.request.get("/api/auth/session")).json()).user).toBeUndefined();
    expect((await (await laptop.request.get("/api/auth/session")).json()).user).toBeUndefined();
    await phone.close();
    await laptop.close();
  }
});

test("settings asks a signed-out visitor to sign in first", async ({ page }) => {
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=(%2F|\/)settings$/);
});

test("the sign-in page returns the reader to where they were, and shows errors next to the field", async ({ page }) => {
  await page.goto("/signin?callbackUrl=%2Fessays%2Fai-and-the-coming-inequality%23treaties");
  await page.getByLabel("Display name").fill("x".repeat(40));
  await page.getByLabel("Display name").evaluate((input: HTMLInputElement) => {
    input.removeAttribute("maxlength");
    input.value = "y".repeat(41);
  });
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("A display name has at most 40 characters.")).toBeVisible();

  await page.getByLabel("Display name").fill("Returning Rae");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/essays\/ai-and-the-coming-inequality#treaties$/);
  await expect(page.getByTestId("signed-in-as")).toHaveText("Returning Rae");
});

test("an admin is shown as one", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Display name").fill("Author Ana");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText("admin");
});

test("signing in works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Display name").fill("No Script Nia");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText("No Script Nia");
  await context.close();
});

test("a failed sign-in shows a readable error page", async ({ page }) => {
  await page.goto("/signin/error?error=Verification");
  await expect(page.getByRole("heading", { name: "Sign-in did not work" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("expired or was already used");
});
