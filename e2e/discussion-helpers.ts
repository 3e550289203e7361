import { expect, type APIRequestContext } from "@playwright/test";

/** Signs a reader in through the development login; the browser context shares the cookie. */
export async function signIn(request: APIRequestContext, name: string): Promise<void> {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const response = await request.post("/api/auth/callback/dev", { form: { csrfToken, name, json: "true" } });
  expect(response.status()).toBeLessThan(400);
  expect((await (await request.get("/api/auth/session")).json()).user?.name).toBe(name);
}

/** Posts through the JSON API (how the specs seed discussions) and returns the new comment's id. */
export async function postComment(request: APIRequestContext, sectionId: string, body: string, parentId?: number): Promise<number> {
  const response = await request.post(`/api/sections/${sectionId}/comments`, { data: parentId ? { body, parentId } : { body } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).comment.id;
}
