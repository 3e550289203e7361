import { CONTENT_ID_PATTERN } from "@/lib/identifiers";
import { instanceWrites } from "@/lib/instance-writes";
import { THEME_COOKIE, themeSchema } from "@/lib/theme";

/**
 * The essay and section pages as a signed-out reader gets them, rendered once per instance and served
 * again for up to PAGE_MAX_AGE_MS — the microcache a web server puts in front of a busy page. Rendering
 * the essay costs tens of milliseconds of CPU; almost every reader of a widely shared essay arrives
 * signed out and gets the same bytes; so one render a second serves them all (bench: GET / anonymous).
 *
 * What stays true:
 * - The strict CSP: each response gets its own nonce. The stored page's nonce (random, unknowable to the
 *   authors of the comments it contains) is replaced by the request's own in the body and the header.
 * - Freshness: a comment write on this instance (post, edit, delete, upvote, report, moderation) drops
 *   every stored page at once (lib/instance-writes.ts), as it drops the discussion snapshot; other
 *   instances' writes show within PAGE_MAX_AGE_MS plus the snapshot's own second. Votes show within that
 *   bound too: a voter is signed in and never served from here.
 * - Readers with a session, RSC and prefetch requests, query strings and anything but GET go straight to
 *   the page as before. So does the fill request itself (FILL_HEADER).
 *
 * The page is fetched from this instance's own server origin (the one `next start` listens on, never the
 * request's Host header, which a client chooses); without one — e.g. a platform that runs the proxy
 * apart from the pages — nothing is cached and every request renders.
 */
export const PAGE_MAX_AGE_MS = 1_000;

/** Marks the proxy's own request for a page to store: it is rendered, never served from the store. */
export const FILL_HEADER = "x-agora-page-fill";

/** Says how a page was served: "hit" (from the store) or "fill" (rendered now and stored). */
export const CACHE_STATUS_HEADER = "x-agora-page-cache";

const CONTENT_ID = CONTENT_ID_PATTERN.source.slice(1, -1); // the pattern without its ^ and $ anchors
const CACHEABLE_PATH = new RegExp(`^/(?:essays/${CONTENT_ID}|sections/${CONTENT_ID})?$`);
const MAX_PATH_LENGTH = 80;
/** A handful of essays and sections in three themes; past this the oldest entry goes. */
const MAX_ENTRIES = 64;
/** Larger pages are served but not stored. */
const MAX_BODY_CHARS = 4_000_000;
const FILL_TIMEOUT_MS = 10_000;
/** Headers of the stored response that belong to that response alone. */
const PER_RESPONSE_HEADERS = new Set([
  "content-security-policy",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "date",
  "set-cookie",
]);
/** Headers that make a request something other than a plain page view. */
const NOT_A_PAGE_VIEW = ["rsc", "next-action", "next-router-prefetch", "next-router-state-tree", "next-router-segment-prefetch", FILL_HEADER];

interface StoredPage {
  body: string;
  nonce: string;
  headers: [string, string][];
  /** instanceWrites.discussions when the fill started: any write since makes it stale. */
  generation: number;
  startedAt: number;
}

interface Store {
  pages: Map<string, StoredPage>;
  filling: Map<string, Promise<StoredPage | null>>;
}

const globalForPages = globalThis as typeof globalThis & { __agoraAnonymousPages?: Store };
const store: Store = (globalForPages.__agoraAnonymousPages ??= { pages: new Map(), filling: new Map() });

/** What the proxy needs to know of a request: plain data, so the rules are testable without a server. */
export interface PageRequest {
  method: string;
  pathname: string;
  search: string;
  header(name: string): string | null;
  cookie(name: string): string | undefined;
}

/** The stored page's key for a signed-out page view, or null when this request must be rendered. */
export function anonymousPageKey(request: PageRequest): string | null {
  if (request.method !== "GET" || request.search !== "") return null;
  if (request.pathname.length > MAX_PATH_LENGTH || !CACHEABLE_PATH.test(request.pathname)) return null;
  if (NOT_A_PAGE_VIEW.some((name) => request.header(name) !== null)) return null;
  // A browser marks its own fetches (RSC, prefetch) as not a document: only navigations are page views.
  const destination = request.header("sec-fetch-dest");
  if (destination !== null && destination !== "document") return null;
  // next-auth's session cookie, plain, __Secure- or chunked (.0, .1): a signed-in reader's page is theirs.
  if ((request.header("cookie") ?? "").includes("session-token")) return null;
  // The theme as the page reads it (lib/theme.ts readTheme): an unknown value renders as "system".
  const theme = themeSchema.safeParse(request.cookie(THEME_COOKIE));
  return `${request.pathname} ${theme.success ? theme.data : "system"}`;
}

/**
 * The signed-out page for `request` with `nonce` in it, from the store or rendered now; null when it
 * must be rendered as usual (not cacheable, no origin to fetch from, or the page is not a plain 200).
 */
export async function anonymousPage(request: PageRequest, nonce: string, origin = serverOrigin()): Promise<Response | null> {
  const key = anonymousPageKey(request);
  if (key === null || origin === null) return null;
  const now = Date.now();
  const stored = store.pages.get(key);
  if (stored && isCurrent(stored, now)) return respond(stored, nonce, "hit");
  let filling = store.filling.get(key);
  if (!filling) {
    filling = fill(origin, request.pathname, key.slice(key.indexOf(" ") + 1)).finally(() => store.filling.delete(key));
    store.filling.set(key, filling);
  }
  const page = await filling;
  return page ? respond(page, nonce, "fill") : null;
}

function isCurrent(page: StoredPage, now: number): boolean {
  return page.generation === instanceWrites.discussions && now - page.startedAt < PAGE_MAX_AGE_MS;
}

async function fill(origin: string, pathname: string, theme: string): Promise<StoredPage | null> {
  const generation = instanceWrites.discussions;
  const startedAt = Date.now();
  try {
    const response = await fetch(new URL(pathname, origin), {
      headers: { [FILL_HEADER]: "1", accept: "text/html", ...(theme === "system" ? {} : { cookie: `${THEME_COOKIE}=${theme}` }) },
      redirect: "manual",
      cache: "no-store",
      signal: AbortSignal.timeout(FILL_TIMEOUT_MS),
    });
    const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
    const cacheable = response.status === 200 && nonce !== undefined && !response.headers.has("set-cookie");
    const body = await response.text();
    if (!cacheable || body.length > MAX_BODY_CHARS) return null;
    const headers = [...response.headers].filter(([name]) => !PER_RESPONSE_HEADERS.has(name));
    const page: StoredPage = { body, nonce, headers, generation, startedAt };
    remember(`${pathname} ${theme}`, page);
    return page;
  } catch {
    // The fill failed (timeout, the server shutting down): this request renders as usual.
    return null;
  }
}

function remember(key: string, page: StoredPage): void {
  store.pages.delete(key);
  store.pages.set(key, page);
  if (store.pages.size > MAX_ENTRIES) store.pages.delete(store.pages.keys().next().value!);
}

function respond(page: StoredPage, nonce: string, status: "hit" | "fill"): Response {
  // Next's preload `link` header carries the nonce too.
  const headers = new Headers(page.headers.map(([name, value]): [string, string] => [name, value.replaceAll(page.nonce, nonce)]));
  headers.set(CACHE_STATUS_HEADER, status);
  return new Response(page.body.replaceAll(page.nonce, nonce), { status: 200, headers });
}

/** This instance's own HTTP origin as `next start` (and `next dev`) record it; null elsewhere. */
function serverOrigin(): string | null {
  return process.env.__NEXT_PRIVATE_ORIGIN ?? null;
}
