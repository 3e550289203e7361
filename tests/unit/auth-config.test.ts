import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { authConfigFromEnv, devNameKey, productionAuthProblems } from "@/lib/auth/config";
import { resolveRole } from "@/lib/auth/users";
import { parseEnv } from "@/lib/env";

const env = (vars: Record<string, string>) => parseEnv(vars);

describe("sign-in configuration from the environment", () => {
  it("enables each provider only when all of its variables are set", () => {
    const none = authConfigFromEnv(env({ NODE_ENV: "production" }));
    expect([none.github, none.google, none.email]).toEqual([null, null, null]);
    const all = authConfigFromEnv(
      env({
        NODE_ENV: "production",
        AUTH_GITHUB_ID: "gh",
        AUTH_GITHUB_SECRET: "ghs",
        AUTH_GOOGLE_ID: "go",
        AUTH_GOOGLE_SECRET: "gos",
        EMAIL_SERVER: "smtp://mail.example:587",
        EMAIL_FROM: "Agora <agora@example.org>",
      }),
    );
    expect(all.github).toEqual({ clientId: "gh", clientSecret: "ghs" });
    expect(all.google).toEqual({ clientId: "go", clientSecret: "gos" });
    expect(all.email).toEqual({ server: "smtp://mail.example:587", from: "Agora <agora@example.org>" });
    expect(authConfigFromEnv(env({ NODE_ENV: "production", AUTH_GITHUB_ID: "gh" })).github).toBeNull();
  });

  it("turns the development login on under next dev, and in production only with AUTH_DEV_LOGIN=1", () => {
    expect(authConfigFromEnv(env({ NODE_ENV: "development" })).devLogin).toBe(true);
    expect(authConfigFromEnv(env({ NODE_ENV: "development", AUTH_DEV_LOGIN: "0" })).devLogin).toBe(false);
    expect(authConfigFromEnv(env({ NODE_ENV: "production" })).devLogin).toBe(false);
    expect(authConfigFromEnv(env({ NODE_ENV: "production", AUTH_DEV_LOGIN: "1" })).devLogin).toBe(true);
  });

  it("marks cookies Secure in production over https", () => {
    expect(authConfigFromEnv(env({ NODE_ENV: "production", AUTH_URL: "https://agora.example" })).secureCookies).toBe(true);
    expect(authConfigFromEnv(env({ NODE_ENV: "development" })).secureCookies).toBe(false);
  });

  it("names what a production server is missing", () => {
    const problems = productionAuthProblems(env({ NODE_ENV: "production" }));
    expect(problems.join("\n")).toMatch(/AUTH_SECRET/);
    expect(problems.join("\n")).toMatch(/No sign-in provider is configured/);
    expect(problems.join("\n")).toMatch(/AUTH_URL/);
    expect(
      productionAuthProblems(env({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32), AUTH_DEV_LOGIN: "1", AUTH_URL: "http://127.0.0.1:3000" })),
    ).toEqual([]);
    expect(productionAuthProblems(env({ NODE_ENV: "development" }))).toEqual([]);
  });

  it("rejects an invalid variable by name", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://nope" })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => parseEnv({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET: must be at least 16 characters/);
  });
});

describe("roles", () => {
  const config = authConfigFromEnv(env({ ADMIN_EMAILS: "Author@Example.org, other@example.org", ADMIN_DEV_NAMES: "Ada Lovelace", AUTH_DEV_LOGIN: "1" }));

  it("come from the database grant", () => {
    expect(resolveRole({ role: "admin", email: null }, null, config)).toBe("admin");
  });
  it("come from ADMIN_EMAILS, case-insensitively", () => {
    expect(resolveRole({ role: "reader", email: "author@example.org" }, null, config)).toBe("admin");
    expect(resolveRole({ role: "reader", email: "someone@example.org" }, null, config)).toBe("reader");
  });
  it("come from ADMIN_DEV_NAMES for development logins", () => {
    expect(resolveRole({ role: "reader", email: null }, devNameKey("  ada   LOVELACE "), config)).toBe("admin");
    expect(resolveRole({ role: "reader", email: null }, "ada", config)).toBe("reader");
  });
});

describe("the sign-in return address", () => {
  it("keeps paths on this site and refuses open redirects", () => {
    const origin = "http://127.0.0.1:3000";
    expect(safeCallbackPath("/proposals/treaties#vote", origin)).toBe("/proposals/treaties#vote");
    expect(safeCallbackPath("http://127.0.0.1:3000/sections/geopolitics?x=1", origin)).toBe("/sections/geopolitics?x=1");
    expect(safeCallbackPath("//evil.example/x", origin)).toBe("/");
    expect(safeCallbackPath("/\\evil.example", origin)).toBe("/");
    expect(safeCallbackPath("javascript:alert(1)", origin)).toBe("/");
    expect(safeCallbackPath("/signin", origin)).toBe("/");
    expect(safeCallbackPath(undefined, origin)).toBe("/");
    expect(safeCallbackPath("/proposals/treaties", null)).toBe("/"); // no origin known: nothing is trusted
  });
});
