import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The one-click unsubscribe link in every notification email works without signing in (RFC 8058): it
 * carries the reader's id and an HMAC of it under a key derived from AUTH_SECRET, so only Agora can
 * make one and it names exactly one reader. It does nothing but turn that reader's email off.
 */
function mac(secret: string, userId: string): string {
  const key = createHmac("sha256", secret).update("agora:unsubscribe-key").digest();
  return createHmac("sha256", key).update(`unsubscribe:${userId}`).digest("base64url");
}

export function unsubscribeToken(secret: string, userId: string): string {
  return `${Buffer.from(userId, "utf8").toString("base64url")}.${mac(secret, userId)}`;
}

/** The reader a token was made for, or null when it was not made with this secret. */
export function readUnsubscribeToken(secret: string, token: string): string | null {
  const match = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const userId = Buffer.from(match[1]!, "base64url").toString("utf8");
  const expected = Buffer.from(mac(secret, userId));
  const given = Buffer.from(match[2]!);
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
}
