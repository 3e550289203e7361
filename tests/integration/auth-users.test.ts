import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, users } from "@/db/schema";
import { drizzleAdapter } from "@/lib/auth/adapter";
import { authConfigFromEnv } from "@/lib/auth/config";
import { findOrCreateDevUser, loadActor } from "@/lib/auth/users";
import { parseEnv } from "@/lib/env";
import { availableDrivers, openTestDatabase, type TestDatabase } from "../support/drivers";

const drivers = await availableDrivers();

describe.each(drivers)("identities on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(driver);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("the development login: the same name is the same user, even signing in concurrently", async () => {
    const attempts = await Promise.all(Array.from({ length: 8 }, (_, i) => findOrCreateDevUser(database.db, i % 2 ? " Grace  Hopper " : "grace hopper")));
    expect(new Set(attempts.map((user) => user.id)).size).toBe(1);
    expect(attempts[0]!.name).toMatch(/grace\s+hopper/i);
    expect(await database.db.$count(accounts, eq(accounts.providerAccountId, "grace hopper"))).toBe(1);
    const other = await findOrCreateDevUser(database.db, "Grace");
    expect(other.id).not.toBe(attempts[0]!.id);
  });

  it("rejects a development name that is empty or longer than 40 characters", async () => {
    await expect(findOrCreateDevUser(database.db, "   ")).rejects.toThrow();
    await expect(findOrCreateDevUser(database.db, "x".repeat(41))).rejects.toThrow();
    expect((await findOrCreateDevUser(database.db, "y".repeat(40))).name).toBe("y".repeat(40));
  });

  it("resolves roles from the database, ADMIN_EMAILS and ADMIN_DEV_NAMES, and reports bans", async () => {
    const config = authConfigFromEnv(parseEnv({ ADMIN_EMAILS: "author@example.org", ADMIN_DEV_NAMES: "Moderator Mo", AUTH_DEV_LOGIN: "1" }));
    const reader = await findOrCreateDevUser(database.db, "Plain Reader");
    const mo = await findOrCreateDevUser(database.db, "moderator mo");
    const [author] = await database.db.insert(users).values({ name: "Author", email: "author@example.org" }).returning();
    const [granted] = await database.db.insert(users).values({ name: "Granted", email: "granted@example.org", role: "admin" }).returning();

    expect((await loadActor(database.db, reader.id, config))?.role).toBe("reader");
    expect((await loadActor(database.db, mo.id, config))?.role).toBe("admin");
    expect((await loadActor(database.db, author!.id, config))?.role).toBe("admin");
    expect((await loadActor(database.db, granted!.id, config))?.role).toBe("admin");
    expect(await loadActor(database.db, "no-such-user", config)).toBeNull();

    await database.db.update(users).set({ bannedAt: new Date(), banReason: "spam" }).where(eq(users.id, reader.id));
    expect((await loadActor(database.db, reader.id, config))?.banReason).toBe("spam");
  });

  it("the adapter stores OAuth users and accounts, and a magic link works exactly once", async () => {
    const adapter = drizzleAdapter(async () => database.db);
    const user = await adapter.createUser!({
      name: "Octo",
      email: "Octo@Example.org",
      emailVerified: null,
      image: "https://avatars.example/octo.png",
    } as never);
    expect((await adapter.getUserByEmail!("octo@example.org"))?.id).toBe(user.id);
    await adapter.linkAccount!({ userId: user.id, type: "oauth", provider: "github", providerAccountId: "12345", access_token: "t" } as never);
    expect((await adapter.getUserByAccount!({ provider: "github", providerAccountId: "12345" }))?.id).toBe(user.id);

    const expires = new Date(Date.now() + 60_000);
    await adapter.createVerificationToken!({ identifier: "octo@example.org", token: "hashed-token", expires });
    const [first, second] = await Promise.all([
      adapter.useVerificationToken!({ identifier: "octo@example.org", token: "hashed-token" }),
      adapter.useVerificationToken!({ identifier: "octo@example.org", token: "hashed-token" }),
    ]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
  });
});
