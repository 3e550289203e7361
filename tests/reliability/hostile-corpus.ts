import { seededRandom } from "@/support/seeded-random";

/** One malformed request, and why it is malformed (printed when it gets a wrong answer). */
export interface HostileRequest {
  why: string;
  method: string;
  path: string;
  /** A string, or raw bytes (invalid UTF-8). */
  body?: string | Uint8Array;
  contentType?: string | null;
  anonymous?: boolean;
  /** Sent with the admin's session (admin routes, to reach their input validation). */
  admin?: boolean;
}

export interface Targets {
  commentId: number;
  userId: string;
}

const ODD_STRINGS = [
  "\u202eevil\u202c", // RTL override
  "\u200b\u200b\u200b", // zero-width only
  "\u{1F4A9}\u{1D54F}", // astral
  "1; DROP TABLE votes; --",
  "' OR '1'='1",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "${7*7}{{7*7}}",
  "\uFEFF",
  "２", // full-width digit
];

const BAD_IDS = [
  "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e%2f",
  "%00",
  "a%00b",
  "1%20OR%201%3D1",
  "%3Cscript%3E",
  "x".repeat(300),
  "%F0%9F%92%A9",
  "-1",
  "0",
  "1e3",
  "0x10",
  "999999999999999999999",
];

/** Values that are not a stance: wrong type, out of range, fractional, look-alikes. */
const NOT_STANCES: unknown[] = [3, -3, 1.5, "2", "two", null, true, [], {}, [1], 1e308, -0.5, ...ODD_STRINGS];
/** Values that are not a comment body (the body itself must be a non-blank string of ≤ 5,000 characters). */
const NOT_BODIES: unknown[] = [null, 1, true, [], {}, ["text"], "", "   ", "\u200b\u200b", "\u202e\u202c", "x".repeat(5001), "a\u0000b"];
const NOT_NAMES: unknown[] = [null, 7, [], {}, "", "   ", "\u200b", "x".repeat(41)];
const NOT_REASONS: unknown[] = [null, 1, [], {}, "", "SPAM", "abuse", "spam ", ...ODD_STRINGS];
const NOT_NOTES: unknown[] = [1, [], {}, true, "x".repeat(501), "a\u0000b"];
const NOT_BAN_REASONS: unknown[] = [null, 1, [], {}, "", "   ", "x".repeat(501), "a\u0000b"];

const MALFORMED_JSON = [
  "{",
  "{stance: 1}",
  "{'stance': 1}",
  '{"stance": 1,}',
  "[1,2",
  "nul",
  '"unterminated',
  "{}}",
  "\u0000",
  '{"stance": 01}',
  "NaN",
  "Infinity",
];

function deeplyNested(depth: number): string {
  return "[".repeat(depth) + "]".repeat(depth);
}

/** Builds at least `minimum` malformed requests across every JSON API route, deterministically from `seed`. */
export function hostileCorpus({ commentId, userId }: Targets, seed: number, minimum = 500): HostileRequest[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const json = (value: unknown) => JSON.stringify(value);
  const corpus: HostileRequest[] = [];

  // Each JSON-taking endpoint, with a valid body to mutate into invalid ones.
  const endpoints = [
    { method: "PUT", path: "/api/proposals/open-source/vote", valid: { stance: 1 }, field: "stance", bad: NOT_STANCES },
    { method: "POST", path: "/api/sections/geopolitics/comments", valid: { body: "hello" }, field: "body", bad: NOT_BODIES },
    {
      method: "POST",
      path: "/api/sections/geopolitics/comments",
      valid: { body: "hello", parentId: commentId },
      field: "parentId",
      bad: [0, -1, 1.5, "1", "x", [], {}, 1e20, ...ODD_STRINGS],
    },
    { method: "PATCH", path: `/api/comments/${commentId}`, valid: { body: "edited" }, field: "body", bad: NOT_BODIES },
    { method: "PATCH", path: `/api/users/${userId}`, valid: { name: "Renamed" }, field: "name", bad: NOT_NAMES },
    { method: "POST", path: `/api/comments/${commentId}/report`, valid: { reason: "spam" }, field: "reason", bad: NOT_REASONS },
    { method: "POST", path: `/api/comments/${commentId}/report`, valid: { reason: "other", note: "why" }, field: "note", bad: NOT_NOTES },
    { method: "POST", path: `/api/admin/users/${userId}/ban`, valid: { reason: "spam" }, field: "reason", bad: NOT_BAN_REASONS, admin: true },
    { method: "POST", path: `/api/admin/comments/${commentId}/hide`, valid: { reason: "rude" }, field: "reason", bad: NOT_NOTES, admin: true },
    { method: "POST", path: "/api/admin/sections/geopolitics/lock", valid: { reason: "heated" }, field: "reason", bad: NOT_NOTES, admin: true },
  ];

  for (const endpoint of endpoints) {
    const admin = "admin" in endpoint;
    const push = (request: HostileRequest) => corpus.push({ ...request, admin: admin && !request.anonymous });
    for (const value of endpoint.bad)
      push({
        why: `${endpoint.field} = ${json(value)?.slice(0, 40)}`,
        method: endpoint.method,
        path: endpoint.path,
        body: json({ ...endpoint.valid, [endpoint.field]: value }),
      });
    if (endpoint.field === "reason" && admin && endpoint.path.endsWith("/ban")) {
      push({ why: "ban without a reason", method: endpoint.method, path: endpoint.path, body: "{}" });
    }
    if (endpoint.field !== "parentId" && endpoint.field !== "note" && !admin) {
      push({ why: `missing ${endpoint.field}`, method: endpoint.method, path: endpoint.path, body: json({ ...endpoint.valid, [endpoint.field]: undefined }) });
    }
    for (const extra of ["admin", "__proto__", "constructor", "id", "userId", "role"]) {
      push({ why: `extra field ${extra}`, method: endpoint.method, path: endpoint.path, body: `{${json(extra)}: true, ${json(endpoint.valid).slice(1)}` });
    }
    for (const text of MALFORMED_JSON) push({ why: `malformed JSON ${json(text)}`, method: endpoint.method, path: endpoint.path, body: text });
    for (const top of ["null", "1", '"text"', "[]", "true"]) push({ why: `top-level ${top}`, method: endpoint.method, path: endpoint.path, body: top });
    push({ why: "deeply nested JSON", method: endpoint.method, path: endpoint.path, body: deeplyNested(5000) });
    push({ why: "deeply nested object", method: endpoint.method, path: endpoint.path, body: '{"a":'.repeat(3000) + "1" + "}".repeat(3000) });
    push({ why: "1 MB body", method: endpoint.method, path: endpoint.path, body: json({ ...endpoint.valid, pad: "x".repeat(1024 * 1024) }) });
    push({ why: "17 KiB body", method: endpoint.method, path: endpoint.path, body: json({ ...endpoint.valid, pad: "y".repeat(17 * 1024) }) });
    for (const contentType of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/xml",
      "",
      null,
      "application/jsonx",
      "text/json",
    ]) {
      push({ why: `content type ${json(contentType)}`, method: endpoint.method, path: endpoint.path, body: json(endpoint.valid), contentType });
    }
    push({ why: "invalid UTF-8", method: endpoint.method, path: endpoint.path, body: new Uint8Array([0x7b, 0x22, 0x62, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) });
    push({ why: "overlong UTF-8", method: endpoint.method, path: endpoint.path, body: new Uint8Array([0x7b, 0xc0, 0xaf, 0x7d]) });
    push({ why: "anonymous", method: endpoint.method, path: endpoint.path, body: json(endpoint.valid), anonymous: true });
  }

  // Path ids that cannot exist, on every route with an id.
  for (const id of BAD_IDS) {
    corpus.push({ why: `proposal id ${id}`, method: "PUT", path: `/api/proposals/${id}/vote`, body: json({ stance: 1 }) });
    corpus.push({ why: `proposal id ${id}`, method: "DELETE", path: `/api/proposals/${id}/vote` });
    corpus.push({ why: `section id ${id}`, method: "POST", path: `/api/sections/${id}/comments`, body: json({ body: "hello" }) });
    corpus.push({ why: `section id ${id}`, method: "GET", path: `/api/sections/${id}/comments` });
    corpus.push({ why: `comment id ${id}`, method: "PATCH", path: `/api/comments/${id}`, body: json({ body: "edited" }) });
    corpus.push({ why: `comment id ${id}`, method: "DELETE", path: `/api/comments/${id}` });
    corpus.push({ why: `comment id ${id}`, method: "PUT", path: `/api/comments/${id}/upvote` });
    corpus.push({ why: `comment id ${id}`, method: "DELETE", path: `/api/comments/${id}/upvote` });
    corpus.push({ why: `user id ${id}`, method: "PATCH", path: `/api/users/${id}`, body: json({ name: "Renamed" }) });
    corpus.push({ why: `comment id ${id}`, method: "POST", path: `/api/comments/${id}/report`, body: json({ reason: "spam" }) });
    corpus.push({ why: `comment id ${id}`, method: "POST", path: `/api/admin/comments/${id}/hide`, body: "{}", admin: true });
    corpus.push({ why: `user id ${id}`, method: "POST", path: `/api/admin/users/${id}/ban`, body: json({ reason: "x" }), admin: true });
    corpus.push({ why: `section id ${id}`, method: "POST", path: `/api/admin/sections/${id}/lock`, body: "{}", admin: true });
  }

  // Queries that are not a page of comments.
  const badQueries = [
    "sort=best",
    "sort=",
    "sort=TOP",
    "limit=0",
    "limit=-5",
    "limit=101",
    "limit=1.5",
    "limit=abc",
    "limit=1e2",
    // Huge, but under Node's 16 KB request-line limit (beyond it Node itself answers 431).
    `cursor=${"A".repeat(10_000)}`,
    "cursor=%%%",
    "cursor=bm90LWpzb24",
    `cursor=${Buffer.from(JSON.stringify({ v: "x" })).toString("base64url")}`,
    `cursor=${Buffer.from(JSON.stringify({ score: "NaN", id: -1 })).toString("base64url")}`,
    "stance=maybe",
    "stance=",
    "sort=new&sort=old&limit=-1",
    ...ODD_STRINGS.map((odd) => `sort=${encodeURIComponent(odd)}`),
  ];
  for (const query of badQueries) corpus.push({ why: `query ${query.slice(0, 40)}`, method: "GET", path: `/api/sections/geopolitics/comments?${query}` });

  for (const action of ["delete", "purge", "HIDE", "..%2Fban", "%00"]) {
    corpus.push({ why: `admin action ${action}`, method: "POST", path: `/api/admin/comments/${commentId}/${action}`, body: "{}", admin: true });
    corpus.push({ why: `admin action ${action}`, method: "POST", path: `/api/admin/users/${userId}/${action}`, body: json({ reason: "x" }), admin: true });
  }
  for (const path of [`/api/admin/users/${userId}/ban`, `/api/admin/comments/${commentId}/hide`, "/api/admin/sections/geopolitics/lock"]) {
    corpus.push({ why: "admin route as a reader", method: "POST", path, body: json({ reason: "x" }) });
    corpus.push({ why: "admin route anonymously", method: "POST", path, body: json({ reason: "x" }), anonymous: true });
  }

  // Fill up to the minimum with random combinations of the above ingredients.
  while (corpus.length < minimum) {
    const endpoint = pick(endpoints);
    corpus.push({
      why: `random ${endpoint.field}`,
      method: endpoint.method,
      path: endpoint.path,
      body: json({ ...endpoint.valid, [endpoint.field]: pick(endpoint.bad), [pick(["x", "extra", "zz"])]: pick(ODD_STRINGS) }),
    });
  }
  return corpus;
}
