import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

// ---------------------------------------------------------------------------------------------------
// Content: synced from content/essays by id. Rows are never deleted: a section or proposal that leaves
// the essay is marked retired, so nothing tied to its id (comments, votes) is ever orphaned.
// ---------------------------------------------------------------------------------------------------

export const essays = pgTable("essays", {
  slug: text("slug").primaryKey(),
  title: text("title").notNull(),
  publishedOn: date("published_on", { mode: "string" }).notNull(),
  isHome: boolean("is_home").notNull().default(false),
  retiredAt: timestamp("retired_at", { withTimezone: true }),
  syncedAt: timestamp("synced_at", { withTimezone: true }).notNull().defaultNow(),
});

export const sections = pgTable(
  "sections",
  {
    id: text("id").primaryKey(),
    essaySlug: text("essay_slug")
      .notNull()
      .references(() => essays.slug, { onUpdate: "cascade" }),
    title: text("title").notNull(),
    position: integer("position").notNull(),
    level: integer("level").notNull(),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
  },
  (table) => [
    index("sections_essay_position_idx").on(table.essaySlug, table.position),
    check("sections_level_check", sql`${table.level} between 1 and 6`),
  ],
);

export const proposals = pgTable(
  "proposals",
  {
    id: text("id").primaryKey(),
    essaySlug: text("essay_slug")
      .notNull()
      .references(() => essays.slug, { onUpdate: "cascade" }),
    sectionId: text("section_id")
      .notNull()
      .references(() => sections.id),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    position: integer("position").notNull(),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
  },
  (table) => [index("proposals_section_idx").on(table.sectionId)],
);

// ---------------------------------------------------------------------------------------------------
// Identities (next-auth). Sessions are JWTs, so there is no sessions table.
// ---------------------------------------------------------------------------------------------------

export const users = pgTable(
  "users",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    name: text("name"),
    email: text("email").unique(),
    emailVerified: timestamp("email_verified", { withTimezone: true }),
    image: text("image"),
    /** Granted with `npm run admin -- grant`; ADMIN_EMAILS / ADMIN_DEV_NAMES add admins on top. */
    role: text("role", { enum: ["reader", "admin"] })
      .notNull()
      .default("reader"),
    bannedAt: timestamp("banned_at", { withTimezone: true }),
    banReason: text("ban_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check("users_role_check", sql`${table.role} in ('reader', 'admin')`),
    check("users_ban_reason_check", sql`(${table.bannedAt} is null) = (${table.banReason} is null)`),
  ],
);

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** "oauth" | "email" | "credentials" (the dev login). */
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refreshToken: text("refresh_token"),
    accessToken: text("access_token"),
    expiresAt: integer("expires_at"),
    tokenType: text("token_type"),
    scope: text("scope"),
    idToken: text("id_token"),
    sessionState: text("session_state"),
  },
  (table) => [
    primaryKey({ columns: [table.provider, table.providerAccountId] }),
    index("accounts_user_idx").on(table.userId),
  ],
);

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.identifier, table.token] })],
);

export type EssayRow = typeof essays.$inferSelect;
export type SectionRow = typeof sections.$inferSelect;
export type ProposalRow = typeof proposals.$inferSelect;
export type User = typeof users.$inferSelect;
export type Account = typeof accounts.$inferSelect;
