import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Transporter } from "nodemailer";
import type { Db } from "@/db/database";
import { columnName, queryRows } from "@/db/raw-sql";
import { comments, notificationSettings, notifications as notificationsTable, sections, users } from "@/db/schema";
import { runTransaction } from "@/db/transaction";
import { notificationEmail, type EmailedNotification } from "./email-message";
import { shownAliases, shownNotificationSql } from "./notify-sql";
import { unsubscribeToken } from "./unsubscribe-token";

/** A failed email is tried this many times in all, waiting 1, 2, 4, 8 … minutes between tries, then given up (email_state 'failed'). */
export const MAX_EMAIL_ATTEMPTS = 5;
/** Notifications in one email; more wait for the next one. */
export const NOTIFICATIONS_PER_EMAIL = 50;
const DAILY_DIGEST_SECONDS = 24 * 60 * 60;

export interface SenderOptions {
  transport: Pick<Transporter, "sendMail">;
  from: string;
  /** The app's public origin (AUTH_URL): links in the email point there. */
  siteUrl: string;
  /** Signs the unsubscribe links (AUTH_SECRET). */
  secret: string;
  /** NOTIFY_EMAIL_MIN_INTERVAL: the least time between two emails to one reader (immediate mode). */
  minIntervalSeconds: number;
  /** How long a claim on a reader lasts: a sender killed mid-send leaves it to another after this. */
  leaseSeconds?: number;
  /** Readers mailed per run: one run's work is bounded, a cron calls again. */
  readersPerRun?: number;
}

export interface SenderRun {
  emails: number;
  notifications: number;
  skipped: number;
  failed: number;
}

interface Claim {
  userId: string;
  claim: string;
  upTo: number;
  attempts: number;
  email: string | null;
}

/**
 * One pass of the email sender: claims readers who are owed an email (pending notifications, email on,
 * their interval passed), sends each one email with what is pending, and records it. Any number of
 * senders may run at once: a claim is taken with FOR UPDATE SKIP LOCKED and held as a lease, so two
 * senders never claim the same reader. A sender killed after sending and before recording leaves the
 * claim to run out; the next sender mails the same batch again (the same notifications: those pending up
 * to the claim's sending_up_to, oldest first) with the same Message-ID — at most one
 * duplicate, which mail clients drop. Nothing is lost: a notification leaves 'pending' only as sent,
 * skipped (its comment was hidden or deleted, or the reader has no address) or failed after
 * MAX_EMAIL_ATTEMPTS tries.
 */
export async function sendNotificationEmails(db: Db, options: SenderOptions): Promise<SenderRun> {
  const run: SenderRun = { emails: 0, notifications: 0, skipped: 0, failed: 0 };
  for (const claim of await claimReaders(db, options)) await mailReader(db, claim, options, run);
  return run;
}

// Columns through the schema: a rename in db/schema.ts fails the type-check here. `bare` is a column
// without its table, for SET lists. `s` a reader's settings (and, in mailReader, a comment's section),
// `u` the reader; mailReader reads by the aliases shownNotificationSql is written over.
const bare = columnName;
const settings = alias(notificationSettings, "s");
const u = alias(users, "u");
const section = alias(sections, "s");
const { notification: n, comment: c, author: a } = shownAliases;

async function claimReaders(db: Db, options: SenderOptions): Promise<Claim[]> {
  const rows = await queryRows<{ userId: string; claim: string; upTo: string | number; attempts: number; email: string | null }>(
    db,
    sql`with due as (
          select ${settings.userId} from ${notificationSettings} s
          where ${settings.emailMode} <> 'off'
            and (${settings.claimedUntil} is null or ${settings.claimedUntil} < now())
            and (${settings.nextAttemptAt} is null or ${settings.nextAttemptAt} <= now())
            and (${settings.sendingUpTo} is not null or ${settings.lastEmailedAt} is null
                 or ${settings.lastEmailedAt} <= now() - make_interval(secs => case when ${settings.emailMode} = 'daily' then ${DAILY_DIGEST_SECONDS}::int else ${options.minIntervalSeconds}::int end))
            and exists (select 1 from ${notificationsTable} n where ${n.recipientId} = ${settings.userId} and ${n.emailState} = 'pending')
          limit ${options.readersPerRun ?? 20}::int
          for update of s skip locked
        )
        update ${notificationSettings} s
        set ${bare(notificationSettings.claimedUntil)} = clock_timestamp() + make_interval(secs => ${options.leaseSeconds ?? 120}::int),
            ${bare(notificationSettings.sendingUpTo)} = coalesce(${settings.sendingUpTo}, (select max(${n.id}) from ${notificationsTable} n where ${n.recipientId} = ${settings.userId} and ${n.emailState} = 'pending'))
        from due, ${users} u
        where ${settings.userId} = due.${bare(notificationSettings.userId)} and ${u.id} = ${settings.userId}
        returning ${settings.userId} as "userId", ${settings.claimedUntil}::text as "claim", ${settings.sendingUpTo} as "upTo", ${settings.attempts}, ${u.email}`,
  );
  return rows.map((row) => ({ ...row, upTo: Number(row.upTo) }));
}

async function mailReader(db: Db, claim: Claim, options: SenderOptions, run: SenderRun): Promise<void> {
  const rows = await queryRows<EmailedNotification & { id: string | number; commentId: string | number; shown: boolean }>(
    db,
    sql`select ${n.id}, ${n.kind}, ${c.id} as "commentId", ${c.body}, coalesce(${a.name}, 'Reader') as "authorName", ${section.title} as "sectionTitle",
               (${shownNotificationSql}) as shown
        from ${notificationsTable} n
        join ${comments} c on ${c.id} = ${n.commentId}
        join ${users} a on ${a.id} = ${c.authorId}
        join ${sections} s on ${section.id} = ${c.sectionId}
        where ${n.recipientId} = ${claim.userId} and ${n.emailState} = 'pending' and ${n.id} <= ${claim.upTo}
        order by ${n.id}
        limit ${NOTIFICATIONS_PER_EMAIL}`,
  );
  const notifications = rows.map((row) => ({ ...row, id: Number(row.id), commentId: Number(row.commentId) }));
  const shown = claim.email ? notifications.filter((n) => n.shown) : [];
  const skipped = notifications.filter((n) => !shown.includes(n)).map((n) => n.id);

  if (shown.length === 0) {
    await record(db, claim, { sent: [], skipped, emailed: false });
    run.skipped += skipped.length;
    return;
  }
  const email = notificationEmail({
    recipientId: claim.userId,
    notifications: shown,
    siteUrl: options.siteUrl,
    unsubscribeToken: unsubscribeToken(options.secret, claim.userId),
  });
  try {
    const result = await options.transport.sendMail({
      from: options.from,
      to: { name: "", address: claim.email! },
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: email.messageId,
      headers: email.headers,
    });
    if ([...(result.rejected ?? [])].length > 0) throw new Error("The recipient was rejected.");
  } catch {
    run.failed += await recordFailure(
      db,
      claim,
      shown.map((n) => n.id),
    );
    return;
  }
  await record(db, claim, { sent: shown.map((n) => n.id), skipped, emailed: true });
  run.emails += 1;
  run.notifications += shown.length;
  run.skipped += skipped.length;
}

/** The reader's settings row, locked, while this sender's claim on them still stands; no row once it does not. */
const heldClaimSql = (claim: Claim) =>
  sql`select ${notificationSettings.userId} as "userId" from ${notificationSettings}
      where ${notificationSettings.userId} = ${claim.userId} and ${notificationSettings.claimedUntil}::text = ${claim.claim} for update`;

/** Gives the reader back with no batch in flight: unclaimed, nothing being sent, no failed attempts pending. */
const releasedClaim = sql`${bare(notificationSettings.claimedUntil)} = null, ${bare(notificationSettings.sendingUpTo)} = null,
  ${bare(notificationSettings.attempts)} = 0, ${bare(notificationSettings.nextAttemptAt)} = null`;

/**
 * Records a batch and gives the reader back, but only while this sender's claim still stands (the
 * claim's timestamp is its fencing token): a sender that outlived its lease records nothing, the one
 * that took over does.
 */
async function record(db: Db, claim: Claim, outcome: { sent: number[]; skipped: number[]; emailed: boolean }): Promise<void> {
  await runTransaction(db, async (tx) => {
    const held = await queryRows<{ userId: string }>(tx, heldClaimSql(claim));
    if (held.length === 0) return;
    await markState(tx, claim.userId, outcome.sent, "sent");
    await markState(tx, claim.userId, outcome.skipped, "skipped");
    await tx.execute(
      sql`update ${notificationSettings}
          set ${releasedClaim}
              ${outcome.emailed ? sql`, ${bare(notificationSettings.lastEmailedAt)} = now()` : sql``}
          where ${notificationSettings.userId} = ${claim.userId}`,
    );
  });
}

/** A failed send: try again after 1, 2, 4 … minutes; after MAX_EMAIL_ATTEMPTS give the batch up. Returns how many were given up. */
async function recordFailure(db: Db, claim: Claim, ids: number[]): Promise<number> {
  const attempts = claim.attempts + 1;
  const givingUp = attempts >= MAX_EMAIL_ATTEMPTS;
  await runTransaction(db, async (tx) => {
    const held = await queryRows<{ userId: string }>(tx, heldClaimSql(claim));
    if (held.length === 0) return;
    if (givingUp) await markState(tx, claim.userId, ids, "failed");
    await tx.execute(
      givingUp
        ? sql`update ${notificationSettings} set ${releasedClaim} where ${notificationSettings.userId} = ${claim.userId}`
        : sql`update ${notificationSettings} set ${bare(notificationSettings.claimedUntil)} = null, ${bare(notificationSettings.attempts)} = ${attempts},
                ${bare(notificationSettings.nextAttemptAt)} = now() + make_interval(mins => ${2 ** (attempts - 1)}::int) where ${notificationSettings.userId} = ${claim.userId}`,
    );
  });
  return givingUp ? ids.length : 0;
}

async function markState(tx: Parameters<typeof queryRows>[0], userId: string, ids: number[], state: "sent" | "skipped" | "failed"): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(
    sql`update ${notificationsTable} set ${bare(notificationsTable.emailState)} = ${state}
        where ${notificationsTable.recipientId} = ${userId} and ${notificationsTable.emailState} = 'pending' and ${notificationsTable.id} in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
  );
}
