import { appOrigin } from "@/lib/auth/app-origin";

/** Feeds need absolute links: the app's configured origin (AUTH_URL), else the request's own. */
export function siteUrlFor(request: Request): string {
  return appOrigin(request.headers) ?? new URL(request.url).origin;
}
