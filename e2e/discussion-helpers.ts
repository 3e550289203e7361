import { expect, type APIRequestContext } from "@playwright/test";

/** Posts through the JSON API (how the specs seed discussions) and returns the new comment's id. */
export async function postComment(request: APIRequestContext, sectionId: string, body: string, parentId?: number): Promise<number> {
  const response = await request.post(`/api/sections/${sectionId}/comments`, { data: parentId ? { body, parentId } : { body } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).comment.id;
}
