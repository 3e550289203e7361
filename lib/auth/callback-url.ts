/**
 * What next-auth accepts as a `callbackUrl` query parameter on /api/auth/*: a path, or an absolute
 * http(s) URL (the same test as its own, in next-auth/core/lib/assert.js). Anything else makes next-auth
 * answer 500 ("server configuration"), so the route refuses it first, as the reader's mistake it is.
 */
export function isAuthCallbackUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? "http://localhost" : undefined).protocol);
  } catch {
    return false;
  }
}

/**
 * Where to send a reader after sign-in: only a path on this site (never "//evil.example" or
 * "https://evil.example"), so the sign-in page cannot be used as an open redirect.
 */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > 2000) return fallback;
  let candidate = value;
  if (/^https?:\/\//i.test(candidate)) {
    try {
      const url = new URL(candidate);
      candidate = `${url.pathname}${url.search}${url.hash}`;
    } catch {
      return fallback;
    }
  }
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return fallback;
  if (candidate.startsWith("/signin")) return fallback;
  return candidate;
}
