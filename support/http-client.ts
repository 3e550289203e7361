/**
 * A minimal cookie-keeping HTTP client for one reader: what a script or a second browser tab does.
 * Mutating requests carry the app's Origin, like a browser's.
 */
export class HttpClient {
  private readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  setCookieHeader(header: string): void {
    for (const pair of header.split(/;\s*/)) {
      const [name, ...value] = pair.split("=");
      if (name) this.cookies.set(name, value.join("="));
    }
  }

  async request(method: string, path: string, init: { json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader();
    // Like a browser, send Origin on mutating requests; `origin: ""` means "send none" (a script).
    if (method !== "GET" && method !== "HEAD" && !("origin" in headers)) headers.origin = new URL(this.baseUrl).origin;
    if (headers.origin === "") delete headers.origin;
    let body = init.body;
    if (init.json !== undefined) {
      headers["content-type"] ??= "application/json";
      body = JSON.stringify(init.json);
    }
    const response = await fetch(new URL(path, this.baseUrl), { method, headers, body, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...value] = (pair ?? "").split("=");
      if (!name) continue;
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value.join("="));
    }
    return response;
  }

  get(path: string) {
    return this.request("GET", path);
  }

  /** The development login's own answer, unjudged: GET /api/auth/csrf (keeping its cookie) → POST /api/auth/callback/dev. */
  async postDevCallback(name: string, csrfToken?: string): Promise<Response> {
    csrfToken ??= ((await (await this.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
    return this.request("POST", "/api/auth/callback/dev", {
      body: new URLSearchParams({ csrfToken, name, json: "true" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
  }

  /** The scripted sign-in: the development login, which must accept, then the session it made. */
  async signIn(name: string): Promise<{ id: string; name: string; role: string }> {
    const response = await this.postDevCallback(name);
    const answer = await response.text();
    if (!isAcceptedSignIn(response.status, answer, this.baseUrl)) throw new Error(`sign-in as ${name} refused: ${response.status} ${answer}`);
    const session = (await (await this.get("/api/auth/session")).json()) as { user?: { id: string; name: string; role: string } };
    if (!session.user) throw new Error(`no session after signing in as ${name}`);
    return session.user;
  }
}

/**
 * Whether next-auth accepted a sign-in posted with json=true. It answers 200 {"url"} with where to go
 * next; a refusal is 401 with a URL under /api/auth/error — but a bad csrf token is a 200 whose URL is
 * /api/auth/signin?csrf=true, so the status alone does not tell.
 */
export function isAcceptedSignIn(status: number, body: string, baseUrl: string): boolean {
  if (status !== 200) return false;
  let url: URL;
  try {
    url = new URL((JSON.parse(body) as { url?: unknown }).url as string);
  } catch {
    return false;
  }
  return url.origin === new URL(baseUrl).origin && !url.pathname.startsWith("/api/auth/");
}
