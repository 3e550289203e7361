// Fails on 20aeeb1: both session readers (ours and next-auth's `decode`) accept any JWE algorithm jose knows, so a forged PBES2 header makes every request run up to 10,000 PBKDF2 rounds before it is refused.
import { hkdfSync } from "node:crypto";
import { base64url, EncryptJWT } from "jose";
import { decode, encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeSessionJwt, hasPinnedHeader, readSessionToken } from "@/lib/auth/session-token";
import { TEST_AUTH_SECRET } from "@/support/app-server";
import { HttpClient } from "@/support/http-client";
import { requirePostgresForHttpSuite, startAppCluster, type AppCluster } from "../support/app-cluster";

/** The key next-auth derives from the secret for its session cookie (HKDF-SHA256, no salt). */
const sessionKey = (secret: string) => new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));

/** A token for `sub` under the session's own key, its content key wrapped another way than "dir". */
function wrappedOtherwise(sub: string, alg: string, secret = TEST_AUTH_SECRET): Promise<string> {
  return new EncryptJWT({ sub })
    .setProtectedHeader({ alg, enc: "A256GCM" })
    .setKeyManagementParameters({ p2c: 1000 })
    .setIssuedAt()
    .setExpirationTime("1h")
    .encrypt(sessionKey(secret));
}

/** What an attacker sends: only the header has to look right for the work to start. */
function forgedHeader(header: Record<string, unknown>): string {
  const part = (bytes: number) => base64url.encode(new Uint8Array(bytes).fill(7));
  return [base64url.encode(JSON.stringify(header)), part(40), part(16), part(64), part(16)].join(".");
}

const OTHER_ALGORITHMS = ["PBES2-HS256+A128KW", "PBES2-HS512+A256KW", "A256KW", "A256GCMKW"];

describe("the session token's algorithms are pinned to dir + A256GCM", () => {
  it("the header gate, which runs before any decryption, refuses PBES2 whatever its count", () => {
    for (const p2c of [1, 10_000, 10_000_000]) {
      expect(hasPinnedHeader(forgedHeader({ alg: "PBES2-HS512+A256KW", enc: "A256GCM", p2c, p2s: "c2FsdHNhbHRzYWx0" }))).toBe(false);
    }
    expect(hasPinnedHeader(forgedHeader({ alg: "dir", enc: "A128CBC-HS256" }))).toBe(false);
    expect(hasPinnedHeader(forgedHeader({ alg: "dir" }))).toBe(false);
    expect(hasPinnedHeader("not a token")).toBe(false);
    expect(hasPinnedHeader(forgedHeader({ alg: "dir", enc: "A256GCM" }))).toBe(true);
  });

  it.each(OTHER_ALGORITHMS)("refuses a token wrapped with %s under the very key sessions use, which next-auth's stock decode accepts", async (alg) => {
    const token = await wrappedOtherwise("user-1", alg);
    expect((await decode({ token, secret: TEST_AUTH_SECRET }))?.sub).toBe("user-1"); // a genuine token, only not "dir"
    expect(await readSessionToken(token, TEST_AUTH_SECRET)).toBeNull();
    expect(await decodeSessionJwt({ token, secret: TEST_AUTH_SECRET })).toBeNull();
  });

  it("still reads next-auth's own cookies, salted ones (OAuth checks) included", async () => {
    const session = await encode({ token: { sub: "user-1" }, secret: TEST_AUTH_SECRET, maxAge: 60 });
    expect((await decodeSessionJwt({ token: session, secret: TEST_AUTH_SECRET }))?.sub).toBe("user-1");
    const pkce = await encode({ token: { value: "verifier" }, secret: TEST_AUTH_SECRET, maxAge: 60, salt: "next-auth.pkce.code_verifier" });
    expect(await decodeSessionJwt({ token: pkce, secret: TEST_AUTH_SECRET, salt: "next-auth.pkce.code_verifier" })).toMatchObject({ value: "verifier" });
    expect(await decodeSessionJwt({ token: pkce, secret: TEST_AUTH_SECRET })).toBeNull();
  });
});

describe.runIf(await requirePostgresForHttpSuite())("every session reader refuses other algorithms, over HTTP", () => {
  let cluster: AppCluster;
  let app: string;
  let readerId: string;

  beforeAll(async () => {
    cluster = await startAppCluster(1);
    app = cluster.servers[0]!.url;
    readerId = (await new HttpClient(app).signIn("Pinned Pia")).id;
  }, 120_000);

  afterAll(async () => {
    await cluster?.dispose();
  });

  it.each(OTHER_ALGORITHMS)("a %s-wrapped cookie is no session: /api/auth/session (next-auth) is empty and a write (ours) is 401", async (alg) => {
    // Two clients: next-auth clears a cookie it refuses, which would hide what our reader does.
    const cookie = `next-auth.session-token=${await wrappedOtherwise(readerId, alg)}`;
    const [writer, asker] = [new HttpClient(app), new HttpClient(app)];
    writer.setCookieHeader(cookie);
    asker.setCookieHeader(cookie);
    expect((await writer.request("PATCH", `/api/users/${readerId}`, { json: { name: "Not Pia" } })).status).toBe(401);
    expect(await (await asker.get("/api/auth/session")).json()).toEqual({});
  });
});
