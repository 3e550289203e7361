import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "@/db/database";
import { queryJson, renderedOnce } from "@/db/raw-sql";
import { accounts, comments, notifications, users, type User } from "@/db/schema";
import { shownAliases, shownNotificationSql } from "@/lib/notifications/notify-sql";
import { devNameKey, type AuthConfig } from "./config";
import { liveSessionSql } from "./server-sessions";

export type Role = "reader" | "admin";

/** Who is acting: the signed-in user as the rules see them. */
export interface Actor {
  id: string;
  name: string;
  image: string | null;
  role: Role;
  /** Set when the user is banned: they read but cannot write. */
  banReason: string | null;
  /** Unread notifications, counted up to UNREAD_COUNT_CAP (the header shows "99+" past it); loadActor sets it. */
  unreadNotifications?: number;
}

/** Counting stops here: the header needs "many", not an exact figure, and the count stays bounded. */
export const UNREAD_COUNT_CAP = 100;

/**
 * Who writes, for a write whose own statement checks them (the vote, a new comment): the user, and the
 * session the request came with, which must be live. Only scripts, seeds and tests acting as a user
 * in-process leave `sessionId` out; every HTTP entry point passes it (lib/auth/guard.ts requireWriterId).
 */
export interface Writer {
  id: string;
  sessionId?: string;
}

export const devNameSchema = z
  .string({ error: "Enter a display name." })
  .trim()
  .min(1, "Enter a display name.")
  .max(40, "A display name has at most 40 characters.");

/**
 * Admin if granted in the database (`npm run admin -- grant`), or listed by email in ADMIN_EMAILS,
 * or by development-login name in ADMIN_DEV_NAMES. Resolved on every request, so revoking is immediate.
 */
export function resolveRole(user: Pick<User, "role" | "email">, devName: string | null, config: Pick<AuthConfig, "adminEmails" | "adminDevNames">): Role {
  if (user.role === "admin") return "admin";
  if (user.email && config.adminEmails.has(user.email.toLowerCase())) return "admin";
  if (devName && config.adminDevNames.has(devNameKey(devName))) return "admin";
  return "reader";
}

// loadActor's statement, its columns named through the schema and rendered to text once here (every
// request runs it): `u` the user, `d` their development-login account, then the unread notifications
// by the aliases shownNotificationSql is written over.
const u = alias(users, "u");
const d = alias(accounts, "d");
const { notification: n, comment: c, author: a } = shownAliases;
const actorJsonUpToCap = renderedOnce(sql`json_build_object(
    'name', ${u.name}, 'image', ${u.image}, 'email', ${u.email}, 'role', ${u.role}, 'banned', ${u.bannedAt} is not null, 'banReason', ${u.banReason},
    'devName', (select ${d.providerAccountId} from ${accounts} d where ${d.userId} = ${u.id} and ${d.provider} = 'dev' limit 1),
    'unread', (select count(*) from (
      select 1 from ${notifications} n join ${comments} c on ${c.id} = ${n.commentId} join ${users} a on ${a.id} = ${c.authorId}
      where ${n.recipientId} = ${u.id} and ${n.readAt} is null and ${shownNotificationSql} limit`);
const actorJsonRest = renderedOnce(sql`) unread)
  ) from ${users} u where ${u.id} =`);

/**
 * The user and their development-login name (if any), in one query; null for an unknown id. Every
 * signed-in request asks, so it goes the prepared way (queryJson: planned once per connection, none
 * of Drizzle's per-query work), which halves its app CPU. With `sessionId` (every request: the cookie's
 * `sid`) the same query also requires that session to be live, so a signed-out, expired or ended
 * session costs no extra round trip, and so does the header's unread-notification count; scripts and tests that act as a user pass none.
 */
export async function loadActor(db: Db, userId: string, config: AuthConfig, { sessionId }: { sessionId?: string } = {}): Promise<Actor | null> {
  const live = sessionId === undefined ? sql`true` : liveSessionSql(sessionId, u.id);
  const user = await queryJson<
    (Pick<User, "name" | "image" | "email" | "role" | "banReason"> & { banned: boolean; devName: string | null; unread: number }) | null
  >(db, sql`select coalesce((select ${actorJsonUpToCap} ${UNREAD_COUNT_CAP} ${actorJsonRest} ${userId} and ${live})::text, 'null') as json`);
  if (!user) return null;
  return {
    id: userId,
    name: user.name ?? "Reader",
    image: user.image,
    role: resolveRole(user, user.devName, config),
    banReason: user.banned ? (user.banReason ?? "banned by a moderator") : null,
    unreadNotifications: user.unread,
  };
}

/** The development login: the same name (case and spacing aside) is always the same user. */
export async function findOrCreateDevUser(db: Db, rawName: string): Promise<User> {
  const name = devNameSchema.parse(rawName);
  const key = devNameKey(name);
  const existing = await userByAccount(db, "dev", key);
  if (existing) return existing;
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx.insert(users).values({ name }).returning();
      await tx.insert(accounts).values({ userId: user!.id, type: "credentials", provider: "dev", providerAccountId: key });
      return user!;
    });
  } catch (error) {
    // Two first sign-ins with one name raced: the account key let one win; use that user.
    const winner = await userByAccount(db, "dev", key);
    if (winner) return winner;
    throw error;
  }
}

export async function userByAccount(db: Db, provider: string, providerAccountId: string): Promise<User | null> {
  const [row] = await db
    .select({ user: users })
    .from(accounts)
    .innerJoin(users, eq(users.id, accounts.userId))
    .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)))
    .limit(1);
  return row?.user ?? null;
}
