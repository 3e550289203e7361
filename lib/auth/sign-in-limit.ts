import type { Db } from "@/db/database";
import { hitRateLimit, limitsFromEnv, MINUTE, type LimitOptions } from "@/lib/rate-limit";

/**
 * The client's IP as the platform's proxy reports it (Vercel and most proxies set X-Forwarded-For,
 * the left-most entry being the client). Without one — a direct connection — all such attempts share a key.
 */
export function clientIp(requestHeaders: Headers): string {
  const forwarded = requestHeaders.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || requestHeaders.get("x-real-ip")?.trim() || "unknown";
}

/** Counts one sign-in attempt from this IP (every provider's callback and the dev sign-in form): 429 past the limit. */
export async function hitSignInLimit(db: Db, requestHeaders: Headers, { limits = limitsFromEnv() }: LimitOptions = {}): Promise<void> {
  await hitRateLimit(db, `signins:minute:${clientIp(requestHeaders)}`, limits.signInsPerMinute, MINUTE, "sign-in attempts");
}
