import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { listModerationLog } from "@/lib/moderation/log";
import { requireAdminPage } from "../admin-gate";

export const metadata: Metadata = { title: "Moderation log", robots: { index: false } };
export const dynamic = "force-dynamic";

const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

function targetLink(type: string, id: string) {
  if (type === "comment") return <Link href={`/c/${id}#c-${id}`}>comment {id}</Link>;
  if (type === "section") return <Link href={`/sections/${id}`}>section {id}</Link>;
  return <>user {id}</>;
}

export default async function ModerationLogPage() {
  await requireAdminPage();
  const entries = await listModerationLog(await getDb());
  return (
    <div className="admin">
      <h1>Moderation log</h1>
      <p>
        <Link href="/admin">Back to the queue</Link> · Every moderation action, newest first. Entries are never changed or deleted.
      </p>
      <div className="table-scroll">
        <table className="admin-log">
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Target</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>
                  <time dateTime={entry.at.toISOString()}>{timeFormat.format(entry.at)}</time>
                </td>
                <td>{entry.actorName ?? entry.actorId}</td>
                <td>{entry.action}</td>
                <td>{targetLink(entry.targetType, entry.targetId)}</td>
                <td>{entry.reason ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
