import type { Metadata } from "next";
import Link from "next/link";
import { ModerationForm } from "@/components/moderation/moderation-form";
import { getDb } from "@/db/client";
import { listBannedUsers, listModerationQueue, listSectionsForModeration } from "@/lib/moderation/queue";
import { banReader, moderateComment, moderateSection, signOutReader, unbanReader } from "./actions";
import { requireAdminPage } from "./admin-gate";

export const metadata: Metadata = { title: "Moderation", robots: { index: false } };
export const dynamic = "force-dynamic";

const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function AdminPage() {
  await requireAdminPage();
  const db = await getDb();
  const [queue, sections, banned] = await Promise.all([listModerationQueue(db), listSectionsForModeration(db), listBannedUsers(db)]);

  return (
    <div className="admin">
      <h1>Moderation</h1>
      <p>
        <Link href="/admin/log">Moderation log</Link>
      </p>

      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">Queue ({queue.length})</h2>
        {queue.length === 0 && <p>No reported comments.</p>}
        <ol className="admin-queue">
          {queue.map((item) => (
            <li key={item.commentId} className="admin-item" data-comment-id={item.commentId}>
              <p className="admin-item-meta">
                <strong>{item.reportCount === 1 ? "1 open report" : `${item.reportCount} open reports`}</strong>
                {Object.entries(item.reasons).map(([reason, n]) => ` · ${reason} ×${n}`)}
                {item.hiddenReason === "reports" && <span className="comment-flag"> hidden pending review</span>}
              </p>
              <p className="admin-item-meta">
                In <Link href={`/sections/${item.sectionId}`}>{item.sectionTitle}</Link>
                {item.parentId !== null && (
                  <>
                    {" "}
                    · reply to <Link href={`/c/${item.parentId}#c-${item.parentId}`}>a comment</Link>
                  </>
                )}{" "}
                · <Link href={`/c/${item.commentId}#c-${item.commentId}`}>permalink</Link> · by {item.authorName ?? "a reader"} ·{" "}
                <time dateTime={item.createdAt.toISOString()}>{timeFormat.format(item.createdAt)}</time> UTC
              </p>
              <blockquote className="admin-body">{item.body}</blockquote>
              {item.notes.length > 0 && (
                <ul className="admin-notes">
                  {item.notes.map((note, i) => (
                    <li key={i}>“{note}”</li>
                  ))}
                </ul>
              )}
              <div className="admin-actions">
                {item.hiddenReason !== "moderator" && (
                  <ModerationForm action={moderateComment} fields={{ commentId: item.commentId, action: "hide" }} label="Hide" reason="optional" />
                )}
                {item.hiddenReason !== null && (
                  <ModerationForm action={moderateComment} fields={{ commentId: item.commentId, action: "restore" }} label="Restore" />
                )}
                <ModerationForm action={moderateComment} fields={{ commentId: item.commentId, action: "dismiss" }} label="Dismiss reports" />
                {item.authorBanReason === null ? (
                  <ModerationForm action={banReader} fields={{ userId: item.authorId }} label={`Ban ${item.authorName ?? "author"}`} reason="required" />
                ) : (
                  <span className="hint">Author banned: {item.authorBanReason}</span>
                )}
                <ModerationForm
                  action={signOutReader}
                  fields={{ userId: item.authorId }}
                  label={`Sign ${item.authorName ?? "author"} out everywhere`}
                  reason="optional"
                />
              </div>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="banned-heading">
        <h2 id="banned-heading">Banned readers ({banned.length})</h2>
        <ul className="admin-list">
          {banned.map((user) => (
            <li key={user.id}>
              {user.name ?? user.id}: {user.banReason}
              <ModerationForm action={unbanReader} fields={{ userId: user.id }} label={`Unban ${user.name ?? "reader"}`} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="sections-heading">
        <h2 id="sections-heading">Discussions</h2>
        <ul className="admin-list">
          {sections.map((section) => (
            <li key={section.id}>
              <Link href={`/sections/${section.id}`}>{section.title}</Link> {section.locked ? "(locked)" : ""}
              <ModerationForm
                action={moderateSection}
                fields={{ sectionId: section.id, action: section.locked ? "unlock" : "lock" }}
                label={section.locked ? `Unlock ${section.title}` : `Lock ${section.title}`}
              />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
