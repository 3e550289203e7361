import { createHash } from "node:crypto";
import type { Db } from "@/db/database";
import { clientAddressKey } from "@/lib/client-address";
import { getEnv } from "@/lib/env";
import { hitRateLimit, HOUR, limitsFromEnv, MINUTE, type LimitOptions } from "@/lib/rate-limit";

/** The client's address as a key for limits: one a trusted party saw, never one the client chose (lib/client-address.ts). */
export function clientKey(requestHeaders: Headers): string {
  const env = getEnv();
  return clientAddressKey(requestHeaders, { trustedProxyHops: env.TRUSTED_PROXY_HOPS, vercel: Boolean(env.VERCEL) });
}

/** Counts one sign-in attempt from this client (every provider's callback and the dev sign-in form): 429 past the limit. */
export async function hitSignInLimit(db: Db, requestHeaders: Headers, { limits = limitsFromEnv() }: LimitOptions = {}): Promise<void> {
  await hitRateLimit(db, `signins:minute:${clientKey(requestHeaders)}`, limits.signInsPerMinute, MINUTE, "sign-in attempts");
}

/**
 * Counts one sign-in link mailed to `address` (normalized), from any client: 429 past the limit. The
 * per-client limit alone would let many clients flood one inbox. Keyed on a hash, so the limits table
 * holds no addresses.
 */
export async function hitEmailLinkLimit(db: Db, address: string, { limits = limitsFromEnv() }: LimitOptions = {}): Promise<void> {
  const key = createHash("sha256").update(address).digest("base64url");
  await hitRateLimit(db, `email-links:hour:${key}`, limits.emailLinksPerHour, HOUR, "sign-in emails to this address");
}
