import { getAuth } from "./options";

/**
 * This app's origin as browsers see it. With AUTH_URL (or NEXTAUTH_URL) set it is that URL's origin and
 * nothing a request carries can change it: X-Forwarded-Host is just a header, which any client (or a
 * proxy that passes it through) can forge. Without it — `next dev`, or AUTH_TRUST_HOST=1 behind a
 * proxy that sets these headers — it is what the request's host headers say. Null when there is none.
 */
export function appOriginFrom(requestHeaders: Headers, configuredUrl: string | undefined): string | null {
  if (configuredUrl) return new URL(configuredUrl).origin;
  const host = firstEntry(requestHeaders.get("x-forwarded-host")) ?? requestHeaders.get("host");
  if (!host) return null;
  const proto = firstEntry(requestHeaders.get("x-forwarded-proto")) ?? "http";
  if (proto !== "http" && proto !== "https") return null; // anything else has the opaque origin "null"
  try {
    // Serialised as a browser's Origin header is (default port dropped, host lowercased).
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return null;
  }
}

/** The origin for this request under the configured environment. */
export function appOrigin(requestHeaders: Headers): string | null {
  return appOriginFrom(requestHeaders, getAuth().config.url);
}

/** Proxies append to X-Forwarded-*: the first entry is the one the client-facing proxy set. */
const firstEntry = (value: string | null) => value?.split(",")[0]?.trim() || null;
