import { hkdfSync } from "node:crypto";
import { jwtDecrypt } from "jose";

/**
 * Reads next-auth 4's session cookie: a JWE (dir, A256GCM) under a key derived from AUTH_SECRET with
 * HKDF-SHA256 — byte for byte what `decode` from next-auth/jwt does, so cookies next-auth sets are read
 * here and cookies `encode` sets are read by next-auth. Any invalid token (tampered, expired past
 * next-auth's 15-second tolerance, another secret) is null, like no cookie at all.
 *
 * What differs is the cost. next-auth derives the key again on every call (an HKDF per request); it
 * depends only on the secret, so it is derived once. And a reader sends the same cookie with every
 * request: a token that decrypted once is remembered (by its exact text, with the secret) until it
 * expires, so repeat requests skip the decryption. Nothing else about a reader is remembered — role
 * and ban are read from the database on every request, as before.
 */
export async function readSessionToken(token: string, secret: string): Promise<SessionPayload | null> {
  const now = Date.now() / 1000;
  const cacheKey = `${secret}\n${token}`;
  const known = verified.get(cacheKey);
  if (known && (known.exp === undefined || now <= known.exp + CLOCK_TOLERANCE_SECONDS)) return known;
  if (known) verified.delete(cacheKey);
  try {
    const { payload } = await jwtDecrypt(token, encryptionKey(secret), { clockTolerance: CLOCK_TOLERANCE_SECONDS });
    remember(cacheKey, payload);
    return payload;
  } catch {
    return null;
  }
}

export interface SessionPayload {
  sub?: string;
  exp?: number;
  [claim: string]: unknown;
}

/** next-auth's own tolerance for clock skew between instances. */
const CLOCK_TOLERANCE_SECONDS = 15;
/** Enough for every reader active in a busy minute; the oldest entry makes way (a Map iterates in insertion order). */
const REMEMBERED_TOKENS = 10_000;
const verified = new Map<string, Readonly<SessionPayload>>();

function remember(cacheKey: string, payload: SessionPayload): void {
  if (verified.size >= REMEMBERED_TOKENS) verified.delete(verified.keys().next().value!);
  verified.set(cacheKey, Object.freeze({ ...payload }));
}

const keys = new Map<string, Uint8Array>();

function encryptionKey(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));
    keys.set(secret, key);
  }
  return key;
}
