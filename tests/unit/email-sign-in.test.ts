import type { EmailConfig } from "next-auth/providers/email";
import { describe, expect, it } from "vitest";
import { productionAuthProblems } from "@/lib/auth/config";
import { emailAddressSchema, normalizeEmailAddress } from "@/lib/auth/email-address";
import { signInLinkSender } from "@/lib/auth/email-link";
import { parseEnv } from "@/lib/env";

describe("an email address to mail a sign-in link to", () => {
  it("is one plain address, trimmed of spaces and lower-cased", () => {
    expect(emailAddressSchema.parse("  Ada.Lovelace+agora@Example.ORG ")).toBe("ada.lovelace+agora@example.org");
    expect(emailAddressSchema.parse("o'brien@mail.example.co.uk")).toBe("o'brien@mail.example.co.uk");
  });

  it.each([
    "sp ace@example.org",
    "q@exa mple.org",
    '"q"@example.org',
    "a@b@example.org",
    "Ada <ada@example.org>",
    "a@example.org,b@example.org",
    "a@example.org\r\nBcc: b@example.org",
    "a@example.org\n",
    "a\t@example.org",
    "ada@localhost",
    ".ada@example.org",
    `${"a".repeat(250)}@example.org`,
  ])("refuses %j", (address) => {
    expect(emailAddressSchema.safeParse(address).success).toBe(false);
    expect(() => normalizeEmailAddress(address)).toThrow(/email address/);
  });
});

describe("the sign-in mail", () => {
  const provider = { server: "smtp://127.0.0.1:9", from: "Agora <agora@example.org>" } as EmailConfig;
  const request = (url: string) => ({ identifier: "ada@example.org", url, provider, token: "t", expires: new Date(), theme: {} });

  it("is refused, before any mail server is contacted, when its link points anywhere but AUTH_URL", async () => {
    const send = signInLinkSender({ url: "https://agora.example" });
    await expect(send(request("https://evil.example/api/auth/callback/email?token=t"))).rejects.toThrow(
      "Refusing to mail a sign-in link to https://evil.example",
    );
    await expect(signInLinkSender({ url: undefined })(request("https://agora.example/api/auth/callback/email?token=t"))).rejects.toThrow(
      /AUTH_URL \(not set\)/,
    );
  });
});

describe("a production server with EMAIL_SERVER", () => {
  const base = { NODE_ENV: "production", AUTH_SECRET: "x".repeat(32), EMAIL_SERVER: "smtp://mail.example:587", EMAIL_FROM: "Agora <agora@example.org>" };

  it("needs AUTH_URL, even on Vercel or trusting the request's host", () => {
    for (const extra of [{}, { AUTH_TRUST_HOST: "1" }, { VERCEL: "1" }]) {
      expect(productionAuthProblems(parseEnv({ ...base, ...extra })).join("\n")).toMatch(
        /AUTH_URL \(or NEXTAUTH_URL\) is not set: with EMAIL_SERVER it is required/,
      );
    }
    expect(productionAuthProblems(parseEnv({ ...base, AUTH_URL: "https://agora.example" }))).toEqual([]);
  });
});
