import { hkdfSync } from "node:crypto";
import { decodeProtectedHeader, jwtDecrypt } from "jose";
import type { JWTDecodeParams } from "next-auth/jwt";

/**
 * Reads next-auth 4's session cookie: a JWE (dir, A256GCM) under a key derived from AUTH_SECRET with
 * HKDF-SHA256 — byte for byte what `decode` from next-auth/jwt does, so cookies next-auth sets are read
 * here and cookies `encode` sets are read by next-auth. Any invalid token (tampered, expired past
 * next-auth's 15-second tolerance, another secret, another algorithm) is null, like no cookie at all.
 *
 * What differs is the cost, and what is accepted. next-auth derives the key again on every call (an
 * HKDF per request); it depends only on the secret, so it is derived once. A reader sends the same
 * cookie with every request: a token that decrypted once is remembered (by its exact text, with the
 * secret) until it expires, so repeat requests skip the decryption. Nothing else about a reader is
 * remembered — role and ban are read from the database on every request, as before. And only the two
 * algorithms next-auth writes are accepted: next-auth's own `decode` lets jose run whatever the header
 * names, so a forged PBES2 header costs up to 10,000 PBKDF2 rounds per request before it fails.
 * `salt` is next-auth's, for the short-lived OAuth check cookies (PKCE, state, nonce); none for sessions.
 */
export async function readSessionToken(token: string, secret: string, salt = ""): Promise<SessionPayload | null> {
  const now = Date.now() / 1000;
  const cacheKey = `${salt}\0${secret}\0${token}`;
  const known = verified.get(cacheKey);
  if (known && (known.exp === undefined || now <= known.exp + CLOCK_TOLERANCE_SECONDS)) return known;
  if (known) verified.delete(cacheKey);
  // Refused on the header alone, before any key is derived or unwrapped; jose is told the same below.
  if (!hasPinnedHeader(token)) return null;
  try {
    const { payload } = await jwtDecrypt(token, encryptionKey(secret, salt), {
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      keyManagementAlgorithms: [KEY_MANAGEMENT],
      contentEncryptionAlgorithms: [CONTENT_ENCRYPTION],
    });
    remember(cacheKey, payload);
    return payload;
  } catch {
    return null;
  }
}

/** next-auth's `jwt.decode` (its session route, `getServerSession`, the OAuth checks) routed through the same pinned reader. */
export async function decodeSessionJwt({ token, secret, salt }: JWTDecodeParams): Promise<SessionPayload | null> {
  // next-auth hands back the secret it was given in the options: always our string.
  if (!token || typeof secret !== "string") return null;
  const payload = await readSessionToken(token, secret, salt);
  // A copy: what is remembered is frozen, and next-auth's callbacks may add to the token they are given.
  return payload && { ...payload };
}

/** The only algorithms next-auth 4 writes: the derived key used directly, AES-256-GCM. */
const KEY_MANAGEMENT = "dir";
const CONTENT_ENCRYPTION = "A256GCM";

/** Whether the token's protected header names exactly next-auth's algorithms: read from the header alone, no key involved. */
export function hasPinnedHeader(token: string): boolean {
  try {
    const header = decodeProtectedHeader(token);
    return header.alg === KEY_MANAGEMENT && header.enc === CONTENT_ENCRYPTION;
  } catch {
    return false;
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

/** next-auth's derivation: the salt, when there is one, is also named in the info string. */
function encryptionKey(secret: string, salt: string): Uint8Array {
  const cacheKey = `${salt}\0${secret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, salt, `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`, 32));
    keys.set(cacheKey, key);
  }
  return key;
}
