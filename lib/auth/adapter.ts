import { and, eq } from "drizzle-orm";
import type { Adapter, AdapterAccount, AdapterUser } from "next-auth/adapters";
import type { Db } from "@/db/database";
import { accounts, users, verificationTokens, type User } from "@/db/schema";
import { userByAccount } from "./users";

// The few adapter methods next-auth 4 calls with JWT sessions (OAuth accounts and email links),
// written against our schema: @auth/drizzle-adapter's types do not match v4.

const toAdapterUser = (user: User): AdapterUser => ({
  id: user.id,
  name: user.name,
  email: user.email ?? "",
  emailVerified: user.emailVerified,
  image: user.image,
});

export function drizzleAdapter(getDb: () => Promise<Db>): Adapter {
  return {
    async createUser(user: Omit<AdapterUser, "id">) {
      const db = await getDb();
      const [created] = await db
        .insert(users)
        .values({
          name: user.name ?? user.email?.split("@")[0] ?? null,
          email: user.email?.toLowerCase() || null,
          emailVerified: user.emailVerified,
          image: user.image,
        })
        .returning();
      return toAdapterUser(created!);
    },
    async getUser(id) {
      const [user] = await (await getDb()).select().from(users).where(eq(users.id, id));
      return user ? toAdapterUser(user) : null;
    },
    async getUserByEmail(email) {
      const [user] = await (await getDb()).select().from(users).where(eq(users.email, email.toLowerCase()));
      return user ? toAdapterUser(user) : null;
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const user = await userByAccount(await getDb(), provider, providerAccountId);
      return user ? toAdapterUser(user) : null;
    },
    async updateUser({ id, name, email, emailVerified, image }) {
      const [updated] = await (
        await getDb()
      )
        .update(users)
        .set({ name, email: email?.toLowerCase(), emailVerified, image })
        .where(eq(users.id, id))
        .returning();
      return toAdapterUser(updated!);
    },
    async linkAccount(account: AdapterAccount) {
      await (await getDb()).insert(accounts).values({
        userId: account.userId,
        type: account.type,
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        refreshToken: account.refresh_token ?? null,
        accessToken: account.access_token ?? null,
        expiresAt: account.expires_at ?? null,
        tokenType: account.token_type ?? null,
        scope: account.scope ?? null,
        idToken: account.id_token ?? null,
        sessionState: typeof account.session_state === "string" ? account.session_state : null,
      });
    },
    async unlinkAccount({ provider, providerAccountId }: Pick<AdapterAccount, "provider" | "providerAccountId">) {
      await (await getDb()).delete(accounts).where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)));
    },
    async createVerificationToken(token) {
      const [created] = await (await getDb()).insert(verificationTokens).values(token).returning();
      return created ?? null;
    },
    async useVerificationToken({ identifier, token }) {
      // Deleting and returning in one statement: a magic link works exactly once, even if clicked twice at once.
      const [used] = await (
        await getDb()
      )
        .delete(verificationTokens)
        .where(and(eq(verificationTokens.identifier, identifier), eq(verificationTokens.token, token)))
        .returning();
      return used ?? null;
    },
  };
}
