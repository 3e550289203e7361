import { sql } from "drizzle-orm";
import type { Transporter } from "nodemailer";
import type { Db } from "@/db/database";
import { queryRows } from "@/db/raw-sql";
import { runTransaction } from "@/db/transaction";
import { notificationEmail, type EmailedNotification } from "./email-message";
import { shownNotificationSql } from "./notify-sql";
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

async function claimReaders(db: Db, options: SenderOptions): Promise<Claim[]> {
  const rows = await queryRows<{ userId: string; claim: string; upTo: string | number; attempts: number; email: string | null }>(
    db,
    sql`with due as (
          select s.user_id from notification_settings s
          where s.email_mode <> 'off'
            and (s.claimed_until is null or s.claimed_until < now())
            and (s.next_attempt_at is null or s.next_attempt_at <= now())
            and (s.sending_up_to is not null or s.last_emailed_at is null
                 or s.last_emailed_at <= now() - make_interval(secs => case when s.email_mode = 'daily' then ${DAILY_DIGEST_SECONDS}::int else ${options.minIntervalSeconds}::int end))
            and exists (select 1 from notifications n where n.recipient_id = s.user_id and n.email_state = 'pending')
          limit ${options.readersPerRun ?? 20}::int
          for update of s skip locked
        )
        update notification_settings s
        set claimed_until = clock_timestamp() + make_interval(secs => ${options.leaseSeconds ?? 120}::int),
            sending_up_to = coalesce(s.sending_up_to, (select max(n.id) from notifications n where n.recipient_id = s.user_id and n.email_state = 'pending'))
        from due, users u
        where s.user_id = due.user_id and u.id = s.user_id
        returning s.user_id as "userId", s.claimed_until::text as "claim", s.sending_up_to as "upTo", s.attempts, u.email`,
  );
  return rows.map((row) => ({ ...row, upTo: Number(row.upTo) }));
}

async function mailReader(db: Db, claim: Claim, options: SenderOptions, run: SenderRun): Promise<void> {
  const rows = await queryRows<EmailedNotification & { id: string | number; commentId: string | number; shown: boolean }>(
    db,
    sql`select n.id, n.kind, c.id as "commentId", c.body, coalesce(a.name, 'Reader') as "authorName", s.title as "sectionTitle",
               (${shownNotificationSql}) as shown
        from notifications n
        join comments c on c.id = n.comment_id
        join users a on a.id = c.author_id
        join sections s on s.id = c.section_id
        where n.recipient_id = ${claim.userId} and n.email_state = 'pending' and n.id <= ${claim.upTo}
        order by n.id
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

/**
 * Records a batch and gives the reader back, but only while this sender's claim still stands (the
 * claim's timestamp is its fencing token): a sender that outlived its lease records nothing, the one
 * that took over does.
 */
async function record(db: Db, claim: Claim, outcome: { sent: number[]; skipped: number[]; emailed: boolean }): Promise<void> {
  await runTransaction(db, async (tx) => {
    const held = await queryRows<{ userId: string }>(
      tx,
      sql`select user_id as "userId" from notification_settings where user_id = ${claim.userId} and claimed_until::text = ${claim.claim} for update`,
    );
    if (held.length === 0) return;
    await markState(tx, claim.userId, outcome.sent, "sent");
    await markState(tx, claim.userId, outcome.skipped, "skipped");
    await tx.execute(
      sql`update notification_settings
          set claimed_until = null, sending_up_to = null, attempts = 0, next_attempt_at = null
              ${outcome.emailed ? sql`, last_emailed_at = now()` : sql``}
          where user_id = ${claim.userId}`,
    );
  });
}

/** A failed send: try again after 1, 2, 4 … minutes; after MAX_EMAIL_ATTEMPTS give the batch up. Returns how many were given up. */
async function recordFailure(db: Db, claim: Claim, ids: number[]): Promise<number> {
  const attempts = claim.attempts + 1;
  const givingUp = attempts >= MAX_EMAIL_ATTEMPTS;
  await runTransaction(db, async (tx) => {
    const held = await queryRows<{ userId: string }>(
      tx,
      sql`select user_id as "userId" from notification_settings where user_id = ${claim.userId} and claimed_until::text = ${claim.claim} for update`,
    );
    if (held.length === 0) return;
    if (givingUp) await markState(tx, claim.userId, ids, "failed");
    await tx.execute(
      givingUp
        ? sql`update notification_settings set claimed_until = null, sending_up_to = null, attempts = 0, next_attempt_at = null where user_id = ${claim.userId}`
        : sql`update notification_settings set claimed_until = null, attempts = ${attempts},
                next_attempt_at = now() + make_interval(mins => ${2 ** (attempts - 1)}::int) where user_id = ${claim.userId}`,
    );
  });
  return givingUp ? ids.length : 0;
}

async function markState(tx: Parameters<typeof queryRows>[0], userId: string, ids: number[], state: "sent" | "skipped" | "failed"): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(
    sql`update notifications set email_state = ${state}
        where recipient_id = ${userId} and email_state = 'pending' and id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
  );
}
