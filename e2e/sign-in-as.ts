import { expect, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";

/**
 * Signs a browser context (or a page's, or a bare request context) in through the scripted dev-login
 * flow; the sign-in UI has its own spec. The callback must itself accept — 200 {"url"} back to the app,
 * not a refusal's 401 or a bad csrf token's 200 pointing at /api/auth/signin — and leave a session.
 */
export async function signInAs(target: Page | BrowserContext | APIRequestContext, name: string): Promise<void> {
  const request = "request" in target ? target.request : target;
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const response = await request.post("/api/auth/callback/dev", { form: { csrfToken, name, json: "true" } });
  expect(response.status(), await response.text()).toBe(200);
  const { url } = (await response.json()) as { url: string };
  expect(new URL(url).pathname).not.toMatch(/^\/api\/auth\//);
  const session = await (await request.get("/api/auth/session")).json();
  expect(session.user?.name).toBe(name);
}
