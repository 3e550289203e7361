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
 * Browsers drop tabs and newlines anywhere in a URL and read `\` as `/`, so "/<tab>/evil.example" is
 * "//evil.example" to them: refuse such characters outright rather than guess how each parser forgives them.
 */
const FORGIVEN_BY_BROWSERS = /[\u0000-\u001f\u007f-\u009f\\]/;

/**
 * Where to send a reader after sign-in: the path (with query and fragment) of `value` resolved against
 * the app's own origin, if it stays on that origin — otherwise `fallback`. What comes back is the URL
 * parser's normalised path, never the caller's text, and never one a browser could read as another
 * host ("//evil.example"), so no sign-in route can be used as an open redirect. The sign-in pages
 * themselves are refused too (a loop), and so is everything when the origin is unknown (null).
 */
export function safeCallbackPath(value: unknown, origin: string | null, fallback = "/"): string {
  if (origin === null || typeof value !== "string" || value.length > 2000 || FORGIVEN_BY_BROWSERS.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, origin);
    if (url.origin !== new URL(origin).origin) return fallback;
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" resolves on this origin to the path "//evil.example", which a Location header turns into a host.
  if (path.startsWith("//") || url.pathname.startsWith("/signin")) return fallback;
  return path;
}
