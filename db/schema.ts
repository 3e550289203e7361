import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

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
    /** Visible comments (not deleted, not hidden), maintained with every comment change. */
    commentCount: integer("comment_count").notNull().default(0),
    /** Set by a moderator: the discussion is read-only. */
    lockedAt: timestamp("locked_at", { withTimezone: true }),
  },
  (table) => [
    index("sections_essay_position_idx").on(table.essaySlug, table.position),
    check("sections_level_check", sql`${table.level} between 1 and 6`),
    check("sections_comment_count_check", sql`${table.commentCount} >= 0`),
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
// Identities (next-auth). A session is a JWT cookie naming a row here, so the server can end it.
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
  (table) => [primaryKey({ columns: [table.provider, table.providerAccountId] }), index("accounts_user_idx").on(table.userId)],
);

/**
 * A signed-in session. The session cookie (a JWT) carries its id as `sid`; every request checks the
 * row in the same query that loads the reader, and the vote's and comment's statements check it as
 * they check the writer. Ending it (sign-out, "sign out everywhere", an admin) ends that cookie on
 * every instance at once, and it can never outlive `expires_at`: 30 days from sign-in, not renewable.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** How the reader signed in: a next-auth provider id ("github", "google", "email", "dev"). */
    provider: text("provider").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (table) => [
    index("sessions_user_idx").on(table.userId),
    index("sessions_expires_idx").on(table.expiresAt),
    check("sessions_lifetime_check", sql`${table.expiresAt} > ${table.createdAt} and ${table.expiresAt} <= ${table.createdAt} + interval '30 days'`),
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

// ---------------------------------------------------------------------------------------------------
// Votes: one row per reader and proposal (the key makes a second one impossible), an append-only
// history of every change, and per-proposal tallies kept in the same transaction as the vote.
// ---------------------------------------------------------------------------------------------------

export const votes = pgTable(
  "votes",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id),
    stance: smallint("stance").notNull(),
    /** The stance this vote started with (since the reader last withdrew): how far opinions move. */
    firstStance: smallint("first_stance").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.proposalId] }),
    index("votes_proposal_idx").on(table.proposalId),
    check("votes_stance_check", sql`${table.stance} between -2 and 2`),
    check("votes_first_stance_check", sql`${table.firstStance} between -2 and 2`),
  ],
);

/** Every vote change: null old stance = first vote, null new stance = withdrawn. Never updated or deleted. */
export const voteEvents = pgTable(
  "vote_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id),
    oldStance: smallint("old_stance"),
    newStance: smallint("new_stance"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("vote_events_proposal_at_idx").on(table.proposalId, table.at),
    index("vote_events_user_proposal_idx").on(table.userId, table.proposalId, table.id),
    check("vote_events_old_stance_check", sql`${table.oldStance} between -2 and 2`),
    check("vote_events_new_stance_check", sql`${table.newStance} between -2 and 2`),
    check("vote_events_is_change_check", sql`${table.oldStance} is distinct from ${table.newStance}`),
  ],
);

/**
 * The results aggregates below are sharded counters: each aggregate is the sum of up to
 * AGGREGATE_SHARDS rows, and a vote writes only the shard its reader hashes to
 * (hashtext(user_id) & (AGGREGATE_SHARDS - 1), in agora_set_vote), so concurrent voters on one
 * proposal rarely wait on one another's row lock. Readers sum the shards (a fixed number, so results
 * stay O(1) in votes). A single shard may go negative (a vote counted in shard 0 before sharding is
 * taken back from its reader's shard), so non-negativity holds on the sums, checked by recount.
 */
export const AGGREGATE_SHARDS = 64;

function shardCheck(table: string, shard: AnyPgColumn) {
  return check(`${table}_shard_check`, sql`${shard} between 0 and ${sql.raw(String(AGGREGATE_SHARDS - 1))}`);
}

/** Current votes per proposal and stance, summed over shards; equals a recount of `votes` at every commit. */
export const proposalTallies = pgTable(
  "proposal_tallies",
  {
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id),
    shard: smallint("shard").notNull().default(0),
    stronglyOppose: integer("strongly_oppose").notNull().default(0),
    oppose: integer("oppose").notNull().default(0),
    unsure: integer("unsure").notNull().default(0),
    support: integer("support").notNull().default(0),
    stronglySupport: integer("strongly_support").notNull().default(0),
    /** Current voters whose stance is now above / below the one they started with. */
    shiftedTowardSupport: integer("shifted_toward_support").notNull().default(0),
    shiftedTowardOppose: integer("shifted_toward_oppose").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.proposalId, table.shard] }), shardCheck("proposal_tallies", table.shard)],
);

// Results aggregates, maintained in the vote transaction so serving results never scans votes.

/** Net change of each stance's count per proposal and UTC day: summed over days, the tally then. */
export const proposalDailyDeltas = pgTable(
  "proposal_daily_deltas",
  {
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id),
    day: date("day", { mode: "string" }).notNull(),
    stance: smallint("stance").notNull(),
    shard: smallint("shard").notNull().default(0),
    delta: integer("delta").notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.proposalId, table.day, table.stance, table.shard] }),
    check("proposal_daily_deltas_stance_check", sql`${table.stance} between -2 and 2`),
    shardCheck("proposal_daily_deltas", table.shard),
  ],
);

/** For each pair of proposals (a < b): how many readers hold stance a on the first and b on the second. */
export const proposalPairCounts = pgTable(
  "proposal_pair_counts",
  {
    proposalA: text("proposal_a")
      .notNull()
      .references(() => proposals.id),
    proposalB: text("proposal_b")
      .notNull()
      .references(() => proposals.id),
    stanceA: smallint("stance_a").notNull(),
    stanceB: smallint("stance_b").notNull(),
    shard: smallint("shard").notNull().default(0),
    count: integer("count").notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.proposalA, table.proposalB, table.stanceA, table.stanceB, table.shard] }),
    check("proposal_pair_counts_order_check", sql`${table.proposalA} < ${table.proposalB}`),
    check("proposal_pair_counts_stances_check", sql`${table.stanceA} between -2 and 2 and ${table.stanceB} between -2 and 2`),
    shardCheck("proposal_pair_counts", table.shard),
  ],
);

/** Readers who voted on every open proposal, by their sides ("government-funding:oppose|open-source:support|…"). */
export const opinionProfileCounts = pgTable(
  "opinion_profile_counts",
  {
    profile: text("profile").notNull(),
    shard: smallint("shard").notNull().default(0),
    count: integer("count").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.profile, table.shard] }), shardCheck("opinion_profile_counts", table.shard)],
);

// ---------------------------------------------------------------------------------------------------
// Discussion: threaded comments per section. A reply's parent is in the same section (composite
// foreign key); `rootId` is the top-level comment of the thread, so a page of threads is one query.
// ---------------------------------------------------------------------------------------------------

export const comments = pgTable(
  "comments",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    sectionId: text("section_id")
      .notNull()
      .references(() => sections.id),
    parentId: bigint("parent_id", { mode: "number" }),
    /** The thread's top-level comment; its own id for a top-level comment (set on insert). */
    rootId: bigint("root_id", { mode: "number" }).references((): AnyPgColumn => comments.id),
    depth: integer("depth").notNull().default(0),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    /** Hidden by a moderator, or automatically after enough reports (pending review). */
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenReason: text("hidden_reason", { enum: ["moderator", "reports"] }),
    score: integer("score").notNull().default(0),
    replyCount: integer("reply_count").notNull().default(0),
    reportCount: integer("report_count").notNull().default(0),
  },
  (table) => [
    unique("comments_id_section_unique").on(table.id, table.sectionId),
    foreignKey({ name: "comments_parent_same_section_fk", columns: [table.parentId, table.sectionId], foreignColumns: [table.id, table.sectionId] }),
    index("comments_section_top_idx")
      .on(table.sectionId, table.score, table.id)
      .where(sql`${table.parentId} is null`),
    index("comments_section_new_idx")
      .on(table.sectionId, table.id)
      .where(sql`${table.parentId} is null`),
    index("comments_root_idx").on(table.rootId, table.id),
    index("comments_parent_idx").on(table.parentId),
    index("comments_author_idx").on(table.authorId),
    // The comment feeds: a section's newest visible comments, whatever was hidden or deleted among them.
    index("comments_section_visible_idx")
      .on(table.sectionId, table.id)
      .where(sql`${table.deletedAt} is null and ${table.hiddenAt} is null`),
    check("comments_body_length_check", sql`char_length(${table.body}) between 1 and 5000`),
    check("comments_depth_check", sql`${table.depth} >= 0 and (${table.parentId} is null) = (${table.depth} = 0)`),
    check("comments_counters_check", sql`${table.score} >= 0 and ${table.replyCount} >= 0 and ${table.reportCount} >= 0`),
    check("comments_hidden_check", sql`(${table.hiddenAt} is null) = (${table.hiddenReason} is null)`),
  ],
);

/** Earlier versions of edited comments (visible to admins). */
export const commentRevisions = pgTable(
  "comment_revisions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    commentId: bigint("comment_id", { mode: "number" })
      .notNull()
      .references(() => comments.id),
    body: text("body").notNull(),
    /** When this version was written (the comment's createdAt or its previous editedAt). */
    writtenAt: timestamp("written_at", { withTimezone: true }).notNull(),
    replacedAt: timestamp("replaced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("comment_revisions_comment_idx").on(table.commentId, table.id)],
);

export const commentUpvotes = pgTable(
  "comment_upvotes",
  {
    commentId: bigint("comment_id", { mode: "number" })
      .notNull()
      .references(() => comments.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.commentId, table.userId] }), index("comment_upvotes_user_idx").on(table.userId)],
);

// ---------------------------------------------------------------------------------------------------
// Moderation: reports (one per reader and comment), an append-only audit log, and rate-limit
// counters stored here so limits hold across any number of serverless instances.
// ---------------------------------------------------------------------------------------------------

export const reports = pgTable(
  "reports",
  {
    commentId: bigint("comment_id", { mode: "number" })
      .notNull()
      .references(() => comments.id),
    reporterId: text("reporter_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason", { enum: ["spam", "harassment", "off-topic", "other"] }).notNull(),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set when a moderator dismisses the reports or acts on the comment. */
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.commentId, table.reporterId] }),
    index("reports_open_idx")
      .on(table.commentId)
      .where(sql`${table.resolvedAt} is null`),
    check("reports_reason_check", sql`${table.reason} in ('spam', 'harassment', 'off-topic', 'other')`),
    check("reports_note_length_check", sql`char_length(${table.note}) <= 500`),
  ],
);

/** Every moderation action. Never updated or deleted (a trigger refuses both). */
export const moderationLog = pgTable(
  "moderation_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    actorId: text("actor_id")
      .notNull()
      .references(() => users.id),
    action: text("action").notNull(),
    targetType: text("target_type", { enum: ["comment", "section", "user"] }).notNull(),
    targetId: text("target_id").notNull(),
    reason: text("reason"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("moderation_log_at_idx").on(table.at)],
);

/** Fixed-window counters: one row per limit key (e.g. "comment:minute:<user>") and window. */
export const rateLimitWindows = pgTable(
  "rate_limit_windows",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.key, table.windowStart] }), index("rate_limit_windows_expires_idx").on(table.expiresAt)],
);

// ---------------------------------------------------------------------------------------------------
// Notifications: one row per reader and comment that concerns them, written in the same statement as
// the comment (or the report) that causes it. The row is also the email outbox: `email_state` says
// whether a sender still owes it to the reader's inbox (lib/notifications/sender.ts).
// ---------------------------------------------------------------------------------------------------

export const NOTIFICATION_KINDS = ["reply", "thread-reply", "reports"] as const;
export const EMAIL_STATES = ["pending", "sent", "skipped", "failed"] as const;
export const EMAIL_MODES = ["off", "immediate", "daily"] as const;

export const notifications = pgTable(
  "notifications",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    recipientId: text("recipient_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    commentId: bigint("comment_id", { mode: "number" })
      .notNull()
      .references(() => comments.id),
    /** reply: to the recipient's comment; thread-reply: in a thread they started; reports: (admins) hidden by reports. */
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
    /** null: never to be emailed (the reader had email off when it was written). */
    emailState: text("email_state", { enum: EMAIL_STATES }),
  },
  (table) => [
    unique("notifications_recipient_comment_unique").on(table.recipientId, table.commentId),
    index("notifications_recipient_idx").on(table.recipientId, table.id),
    index("notifications_unread_idx")
      .on(table.recipientId)
      .where(sql`${table.readAt} is null`),
    index("notifications_email_pending_idx")
      .on(table.recipientId, table.id)
      .where(sql`${table.emailState} = 'pending'`),
    index("notifications_comment_idx").on(table.commentId),
    check("notifications_kind_check", sql`${table.kind} in ('reply', 'thread-reply', 'reports')`),
    check("notifications_email_state_check", sql`${table.emailState} in ('pending', 'sent', 'skipped', 'failed')`),
  ],
);

/**
 * A reader's notification settings and their email sender's state. A sender claims a reader by setting
 * `claimed_until` (a lease: a killed sender's claim runs out and another sender takes over) and mails
 * everything pending up to `sending_up_to`, kept across a crash so the retry's Message-ID is the same.
 */
export const notificationSettings = pgTable(
  "notification_settings",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    emailMode: text("email_mode", { enum: EMAIL_MODES }).notNull().default("off"),
    /** The secret part of the reader's private replies feed URL; replaced to revoke it. */
    feedToken: text("feed_token").unique(),
    lastEmailedAt: timestamp("last_emailed_at", { withTimezone: true }),
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    sendingUpTo: bigint("sending_up_to", { mode: "number" }),
    attempts: smallint("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
  },
  (table) => [
    check("notification_settings_email_mode_check", sql`${table.emailMode} in ('off', 'immediate', 'daily')`),
    check("notification_settings_attempts_check", sql`${table.attempts} between 0 and 100`),
  ],
);

/**
 * Which version of each file in db/functions/ this database runs (db/database-functions.ts): a file
 * whose SHA-256 differs from its row is applied again, like Flyway's repeatable migrations.
 */
export const databaseFunctionFiles = pgTable("database_function_files", {
  file: text("file").primaryKey(),
  sha256: text("sha256").notNull(),
  appliedAt: timestamp("applied_at", { withTimezone: true }).notNull().defaultNow(),
});

export type EssayRow = typeof essays.$inferSelect;
export type SectionRow = typeof sections.$inferSelect;
export type ProposalRow = typeof proposals.$inferSelect;
export type User = typeof users.$inferSelect;
export type Account = typeof accounts.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Vote = typeof votes.$inferSelect;
export type VoteEvent = typeof voteEvents.$inferSelect;
export type ProposalTally = typeof proposalTallies.$inferSelect;
export type ProposalPairCount = typeof proposalPairCounts.$inferSelect;
export type Comment = typeof comments.$inferSelect;
export type CommentRevision = typeof commentRevisions.$inferSelect;
export type Report = typeof reports.$inferSelect;
export type ModerationLogEntry = typeof moderationLog.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
export type NotificationSettings = typeof notificationSettings.$inferSelect;
