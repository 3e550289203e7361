import { describe, expect, it } from "vitest";
import { anonymousPageKey, type PageRequest } from "@/lib/page-cache/anonymous-pages";

function request(overrides: Partial<Omit<PageRequest, "header" | "cookie">> & { headers?: Record<string, string> } = {}): PageRequest {
  const headers = new Headers(overrides.headers ?? {});
  const cookies = new Map(
    (headers.get("cookie") ?? "")
      .split(";")
      .map((pair) => pair.trim().split("="))
      .filter((pair) => pair.length === 2) as [string, string][],
  );
  return {
    method: overrides.method ?? "GET",
    pathname: overrides.pathname ?? "/",
    search: overrides.search ?? "",
    header: (name) => headers.get(name),
    cookie: (name) => cookies.get(name),
  };
}

describe("which requests the signed-out page cache may answer", () => {
  it("keys the essay, essay and section pages by path and theme", () => {
    expect(anonymousPageKey(request())).toBe("/ system");
    expect(anonymousPageKey(request({ pathname: "/essays/ai-and-the-coming-inequality" }))).toBe("/essays/ai-and-the-coming-inequality system");
    expect(anonymousPageKey(request({ pathname: "/sections/open-source", headers: { cookie: "theme=dark" } }))).toBe("/sections/open-source dark");
    // An unknown theme renders as "system" (components/ui/theme.ts), so it shares that page.
    expect(anonymousPageKey(request({ headers: { cookie: "theme=<script>" } }))).toBe("/ system");
  });

  it("refuses every session cookie next-auth may set", () => {
    for (const cookie of ["next-auth.session-token=x", "__Secure-next-auth.session-token=x", "theme=dark; next-auth.session-token.0=x"]) {
      expect(anonymousPageKey(request({ headers: { cookie } })), cookie).toBeNull();
    }
  });

  it("refuses writes, queries, other pages, RSC and prefetch requests, and the fill itself", () => {
    expect(anonymousPageKey(request({ method: "HEAD" }))).toBeNull();
    expect(anonymousPageKey(request({ method: "POST" }))).toBeNull();
    expect(anonymousPageKey(request({ search: "?sort=new" }))).toBeNull();
    for (const pathname of ["/results", "/sections/Open-Source", "/sections/a/b", "/essays/", `/sections/${"a".repeat(100)}`, "/c/1"]) {
      expect(anonymousPageKey(request({ pathname })), pathname).toBeNull();
    }
    for (const name of ["rsc", "next-action", "next-router-prefetch", "next-router-state-tree", "next-router-segment-prefetch", "x-agora-page-fill"]) {
      expect(anonymousPageKey(request({ headers: { [name]: "1" } })), name).toBeNull();
    }
    expect(anonymousPageKey(request({ headers: { "sec-fetch-dest": "empty" } }))).toBeNull();
    expect(anonymousPageKey(request({ headers: { "sec-fetch-dest": "document" } }))).toBe("/ system");
  });
});
