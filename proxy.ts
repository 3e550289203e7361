import { NextResponse, type NextRequest } from "next/server";
import { hasUndecodableSegment, malformedPathResponse } from "@/lib/api/malformed-path";
import { exceedsFormBodyLimit, formBodyTooLargeResponse } from "@/lib/api/page-body-limit";
import { anonymousPage } from "@/lib/page-cache/anonymous-pages";

// Security headers on every response. The Content-Security-Policy allows scripts only by a
// per-request nonce ('strict-dynamic' lets those scripts load Next's chunks). Next reads the nonce
// from the CSP header this proxy sets on the *request* and stamps it on its own scripts; the app can
// read it as the `x-nonce` request header. A nonce only reaches pages rendered per request, which is
// why the root layout makes every page dynamic.

const isProduction = process.env.NODE_ENV === "production";

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    // Development (React Refresh, error overlay) needs eval; production never gets it.
    `script-src 'nonce-${nonce}' 'strict-dynamic'${isProduction ? "" : " 'unsafe-eval'"}`,
    // React's `style` attributes are inline styles; only scripts are held to the nonce.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    // Forms post only to this origin (server actions, /api/auth/signin/* which then redirects to the
    // provider): an injected form cannot send a reader's input elsewhere.
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const SECURITY_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  "x-frame-options": "DENY",
  ...(isProduction ? { "strict-transport-security": "max-age=63072000; includeSubDomains" } : {}),
};

export async function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce);
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  const reads = request.method === "GET" || request.method === "HEAD";
  // A path Next's router cannot decode gets a 404 here instead of the router's 500: the API's JSON
  // error, the app's not-found page for a reader, and a small page for a write (no action can match).
  const malformed = hasUndecodableSegment(request.nextUrl.pathname);
  if (malformed && (isApi || !reads)) return withSecurityHeaders(malformedPathResponse(isApi), policy);
  // API routes read their JSON bodies with their own limit (lib/api/route.ts); pages take forms.
  if (!isApi && !reads && (await exceedsFormBodyLimit(request))) {
    return withSecurityHeaders(formBodyTooLargeResponse(), policy);
  }
  // A signed-out reader's essay or section page: rendered once a second per instance, not per request.
  const stored = isProduction && !malformed ? await anonymousPage(pageRequest(request), nonce) : null;
  if (stored) return withSecurityHeaders(stored, policy);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = malformed
    ? NextResponse.rewrite(new URL("/_not-found", request.url), { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  return withSecurityHeaders(response, policy);
}

function pageRequest(request: NextRequest) {
  return {
    method: request.method,
    pathname: request.nextUrl.pathname,
    search: request.nextUrl.search,
    header: (name: string) => request.headers.get(name),
    cookie: (name: string) => request.cookies.get(name)?.value,
  };
}

function withSecurityHeaders<R extends Response>(response: R, policy: string): R {
  response.headers.set("content-security-policy", policy);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but Next's immutable build assets (they get the static headers from next.config.js).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
