import { decode, encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readSessionToken } from "@/lib/auth/session-token";

const secret = "agora-test-secret-0123456789abcdef";
const token = { sub: "user-1", name: "Ada", email: null, picture: null };

describe("reading the session cookie with a key derived once", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reads what next-auth's encode wrote, exactly as next-auth's decode does", async () => {
    const cookie = await encode({ token, secret, maxAge: 3600 });
    const ours = await readSessionToken(cookie, secret);
    expect(ours?.sub).toBe("user-1");
    expect(ours).toEqual(await decode({ token: cookie, secret }));
    // The derived key is cached: a second read (and another secret's) still answer correctly.
    expect((await readSessionToken(cookie, secret))?.sub).toBe("user-1");
  });

  it("refuses a token under another secret, a tampered one and garbage", async () => {
    const cookie = await encode({ token, secret, maxAge: 3600 });
    expect(await readSessionToken(cookie, "another-secret-0123456789abcdef-xyz")).toBeNull();
    const parts = cookie.split(".");
    parts[3] = (parts[3]![0] === "A" ? "B" : "A") + parts[3]!.slice(1);
    expect(await readSessionToken(parts.join("."), secret)).toBeNull();
    expect(await readSessionToken("not-a-token", secret)).toBeNull();
  });

  it("honours expiry with next-auth's 15-second clock tolerance", async () => {
    expect(await readSessionToken(await encode({ token, secret, maxAge: -60 }), secret)).toBeNull();
    expect((await readSessionToken(await encode({ token, secret, maxAge: -5 }), secret))?.sub).toBe("user-1");
  });

  it("forgets a remembered token when it expires: a cookie read a minute ago is refused past its expiry", async () => {
    const cookie = await encode({ token, secret, maxAge: 60 });
    expect((await readSessionToken(cookie, secret))?.sub).toBe("user-1");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 60_000 + 10_000); // expired, but within the 15-second tolerance
    expect((await readSessionToken(cookie, secret))?.sub).toBe("user-1");
    vi.setSystemTime(Date.now() + 10_000); // past it
    expect(await readSessionToken(cookie, secret)).toBeNull();
  });
});
