import { HttpClient } from "@/support/http-client";
import { readerName } from "./votes";

/** Cookie headers of signed-in readers, handed out in turn: each request acts as the next reader. */
export interface Sessions {
  count: number;
  next(): string;
}

/**
 * Signs in seeded readers 1..count the way a script does (GET /api/auth/csrf, then POST
 * /api/auth/callback/dev), a few at a time, and keeps their cookies. Any sign-in that fails stops the run.
 */
export async function signInReaders(baseUrl: string, count: number, parallel = 8): Promise<Sessions> {
  const cookies: string[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < count; index = next++) {
      const client = new HttpClient(baseUrl);
      await client.signIn(readerName(index + 1));
      cookies[index] = client.cookieHeader();
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  let turn = 0;
  return { count, next: () => cookies[turn++ % count]! };
}
