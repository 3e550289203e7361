import { expect, type BrowserContext, type Page } from "@playwright/test";

/** Signs a browser context in through the scripted dev-login flow (the sign-in UI has its own spec). */
export async function signInAs(target: Page | BrowserContext, name: string): Promise<void> {
  const request = "request" in target ? target.request : (target as BrowserContext).request;
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const response = await request.post("/api/auth/callback/dev", { form: { csrfToken, name, json: "true" } });
  expect(response.status()).toBeLessThan(400);
  const session = await (await request.get("/api/auth/session")).json();
  expect(session.user?.name).toBe(name);
}
