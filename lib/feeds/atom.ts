import { createHash } from "node:crypto";

export interface AtomEntry {
  /** Stable: the comment's permalink. */
  id: string;
  title: string;
  authorName: string;
  published: string;
  updated: string;
  link: string;
  /** Sanitised HTML (lib/comments/comment-html.ts), escaped once more into the XML text. */
  html: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  /** The page the feed belongs to. */
  alternate: string;
  self: string;
  entries: AtomEntry[];
}

/** An RFC 4287 Atom document. Everything is escaped as XML text; nothing reader-written becomes markup. */
export function renderAtom(feed: AtomFeed): string {
  const updated = feed.entries.reduce((latest, entry) => (entry.updated > latest ? entry.updated : latest), "1970-01-01T00:00:00.000Z");
  const entries = feed.entries.map(
    (entry) => `  <entry>
    <id>${xml(entry.id)}</id>
    <title>${xml(entry.title)}</title>
    <author><name>${xml(entry.authorName)}</name></author>
    <published>${entry.published}</published>
    <updated>${entry.updated}</updated>
    <link rel="alternate" type="text/html" href="${xml(entry.link)}"/>
    <content type="html">${xml(entry.html)}</content>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(feed.id)}</id>
  <title>${xml(feed.title)}</title>
  <updated>${updated}</updated>
  <link rel="alternate" type="text/html" href="${xml(feed.alternate)}"/>
  <link rel="self" type="application/atom+xml" href="${xml(feed.self)}"/>
  <generator>Agora</generator>
${entries.join("\n")}
</feed>
`;
}

/**
 * The response for a feed: a strong ETag of the document, and 304 when the reader's feed client
 * already has it — most polls then cost one bounded query and no transfer.
 */
export function atomResponse(request: Request, document: string, { privateFeed = false } = {}): Response {
  const etag = `"${createHash("sha256").update(document).digest("base64url").slice(0, 27)}"`;
  const headers = {
    etag,
    // Public feeds may sit in shared caches briefly; a private feed only in the reader's own client.
    "cache-control": privateFeed ? "private, max-age=60" : "public, max-age=60, stale-while-revalidate=300",
    "content-type": "application/atom+xml; charset=utf-8",
    "x-robots-tag": privateFeed ? "noindex" : "all",
  };
  const match = (request.headers.get("if-none-match") ?? "").split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
  if (match) return new Response(null, { status: 304, headers });
  return new Response(document, { headers });
}

// XML 1.0 forbids most control characters even escaped: they are dropped, not passed through.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function xml(text: string): string {
  return text.replace(FORBIDDEN, "").replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[char]!);
}
