import { expect, test, type Page } from "@playwright/test";

const DARK_BG = "rgb(22, 23, 26)";
const LIGHT_BG = "rgb(251, 250, 247)";
// Read right after navigation: stylesheets block the first paint, and no script changes the theme later,
// so what is computed now is what was first painted.
const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test("a theme cookie of dark is dark from the first paint", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "theme", value: "dark", url: baseURL! }]);
  await page.goto("/");
  expect(await bodyBackground(page)).toBe(DARK_BG);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
});

test.describe("following the system", () => {
  test.use({ colorScheme: "dark" });
  test("is dark when the system is dark, and light when light is chosen", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "system");
    expect(await bodyBackground(page)).toBe(DARK_BG);
    await page.getByRole("button", { name: "Light" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    expect(await bodyBackground(page)).toBe(LIGHT_BG);
  });
});

test("the toggle is remembered across a reload, with and without JavaScript", async ({ page, browser }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Dark" }).click();
  await expect(page.getByRole("button", { name: "Dark" })).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  expect(await bodyBackground(page)).toBe(DARK_BG);
  await expect(page.getByRole("button", { name: "Dark" })).toHaveAttribute("aria-pressed", "true");

  const context = await browser.newContext({ javaScriptEnabled: false });
  const noScript = await context.newPage();
  await noScript.goto("/results");
  await noScript.getByRole("button", { name: "Dark" }).click();
  await expect(noScript.locator("html")).toHaveAttribute("data-theme", "dark");
  await noScript.reload();
  expect(await bodyBackground(noScript)).toBe(DARK_BG);
  await context.close();
});
