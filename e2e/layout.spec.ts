import { expect, test } from "@playwright/test";

// A phone, a tablet, a laptop: the page fits (no sideways scrolling) and its key controls show.
for (const width of [360, 768, 1280]) {
  test.describe(`${width} px wide`, () => {
    test.use({ viewport: { width, height: 800 } });

    test("the essay fits and shows its contents, proposals and discussions", async ({ page }) => {
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
      await expect(page.getByRole("group", { name: "Colour theme" })).toBeVisible();
      if (width < 1024) {
        // Phones and tablets: the contents fold into a menu, which opens without JavaScript.
        const menu = page.locator("details.toc-compact > summary");
        await expect(menu).toBeVisible();
        await menu.click();
      }
      await expect(page.getByRole("navigation", { name: "Contents" }).getByRole("link", { name: /Treaties/ })).toBeVisible();
      await page.locator("#proposal-treaties").scrollIntoViewIfNeeded();
      await expect(page.locator("#proposal-treaties").getByRole("link", { name: "Sign in to vote" })).toBeVisible();
      await expect(page.locator("#discussion-treaties > summary")).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    });

    for (const path of ["/sections/geopolitics", "/proposals/treaties", "/results", "/signin"]) {
      test(`${path} fits`, async ({ page }) => {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      });
    }
  });
}
