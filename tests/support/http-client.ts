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

  /** The scripted sign-in: GET /api/auth/csrf (keeping its cookie) → POST /api/auth/callback/dev. */
  async signIn(name: string): Promise<{ id: string; name: string; role: string }> {
    const { csrfToken } = (await (await this.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const form = new URLSearchParams({ csrfToken, name, json: "true" });
    const response = await this.request("POST", "/api/auth/callback/dev", {
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    if (response.status >= 400) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
    const session = (await (await this.get("/api/auth/session")).json()) as { user?: { id: string; name: string; role: string } };
    if (!session.user) throw new Error(`no session after signing in as ${name}`);
    return session.user;
  }
}
