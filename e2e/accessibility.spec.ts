import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { postComment } from "./discussion-helpers";
import { signInAs } from "./sign-in-as";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

// Every page a reader can reach; a new page is one more line ("/admin" joins with moderation).
const PAGES: { name: string; url: (seed: Seed) => string }[] = [
  { name: "the essay", url: () => "/" },
  { name: "a section's discussion", url: () => "/sections/geopolitics" },
  { name: "a comment's permalink", url: (seed) => `/c/${seed.commentId}` },
  { name: "a proposal", url: () => "/proposals/treaties" },
  { name: "the results", url: () => "/results" },
  { name: "support by day", url: () => "/results/trends" },
  { name: "sign in", url: () => "/signin" },
  { name: "settings (the sign-in page when signed out)", url: () => "/settings" },
  { name: "notifications (the sign-in page when signed out)", url: () => "/notifications" },
];

interface Seed {
  commentId: number;
}

async function seed(request: APIRequestContext): Promise<Seed> {
  // "Axe Reader" (signed in below) wrote the comment and "Axe Alba" replied: the reader has an unread
  // notification, so the header's count and /notifications' entries are checked too.
  await signInAs(request, "Axe Reader");
  const parent = await postComment(request, "geopolitics", "A comment for the **accessibility** check.");
  await signInAs(request, "Axe Alba");
  return { commentId: await postComment(request, "geopolitics", "And a reply, with `code`.", parent) };
}

let seeded: Seed;
test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  seeded = await seed(request);
  await request.dispose();
});

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} mode`, () => {
    test.use({ colorScheme });
    for (const { name, url } of PAGES) {
      test(`${name} has no WCAG 2.2 AA violations (signed out and signed in)`, async ({ page }) => {
        for (const signedIn of [false, true]) {
          if (signedIn) await signInAs(page.request, "Axe Reader");
          await page.goto(url(seeded));
          // Open every disclosure so what is inside is checked too.
          await page
            .locator("details:not([open]) > summary:visible")
            .evaluateAll((summaries) => summaries.forEach((summary) => ((summary.parentElement as HTMLDetailsElement).open = true)));
          const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
          const summary = results.violations.map(
            (violation) =>
              `${violation.id}: ${violation.nodes
                .map((node) => node.target.join(" "))
                .slice(0, 5)
                .join(", ")}`,
          );
          expect(summary, `${signedIn ? "signed in" : "signed out"} at ${url(seeded)}`).toEqual([]);
        }
      });
    }
  });
}

// The moderation pages exist only for admins ("Author Ana" is one in the e2e server's environment).
const ADMIN_PAGES = ["/admin", "/admin/log"];

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} mode, as an admin`, () => {
    test.use({ colorScheme });
    test("the moderation pages have no WCAG 2.2 AA violations", async ({ page }) => {
      await signInAs(page.request, "Author Ana");
      // Something in the queue, so the queue's controls are checked too.
      const reporter = page.request;
      await reporter.post(`/api/comments/${seeded.commentId}/report`, { data: { reason: "off-topic", note: "axe check" } });
      for (const url of ADMIN_PAGES) {
        await page.goto(url);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await page
          .locator("details:not([open]) > summary:visible")
          .evaluateAll((summaries) => summaries.forEach((summary) => ((summary.parentElement as HTMLDetailsElement).open = true)));
        const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        expect(
          results.violations.map(
            (violation) =>
              `${violation.id}: ${violation.nodes
                .map((node) => node.target.join(" "))
                .slice(0, 5)
                .join(", ")}`,
          ),
          url,
        ).toEqual([]);
      }
    });
  });
}
