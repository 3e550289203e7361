// The bare limit: node:http + pg doing exactly what PUT /api/proposals/{id}/vote and
// GET /api/sections/{id}/comments do — the same session check (next-auth JWT cookie; the vote's statement
// checks the writer, the comments read loads the actor with loadActor) and the same domain functions, hence the same SQL — without Next.js. Started by the benchmark with the app
// server's environment plus BARE_PORT; answers a plain-text 404 "missing route" for anything else.
import http from "node:http";
import { connect } from "@/db/connect";
import { errorResponse } from "@/lib/api/responses";
import { MAX_JSON_BODY_BYTES } from "@/lib/api/route";
import { authConfigFromEnv } from "@/lib/auth/config";
import { sessionCookieName } from "@/lib/auth/options";
import { readSessionToken } from "@/lib/auth/session-token";
import { loadActor, type Actor } from "@/lib/auth/users";
import { parseEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { proposalIdSchema } from "@/lib/identifiers";
import { setVote } from "@/lib/votes/cast-vote";
import { voteInputSchema } from "@/lib/votes/vote-input";
import { loadListSectionComments } from "./bare-comments";

const env = parseEnv(process.env);
if (!env.DATABASE_URL) throw new Error("The bare server needs DATABASE_URL.");
const config = authConfigFromEnv(env);
const port = Number(process.env.BARE_PORT);
const ownOrigin = `http://127.0.0.1:${port}`;
// The app's pool size (db/connect.ts default), so both sides queue for connections alike.
const { db } = await connect({ driver: "postgres", url: env.DATABASE_URL });
const listSectionComments = await loadListSectionComments();

const VOTE_PATH = /^\/api\/proposals\/([^/]+)\/vote$/;
const COMMENTS_PATH = /^\/api\/sections\/([^/]+)\/comments$/;

const server = http.createServer((request, response) => {
  handle(request)
    .then((answer) => send(response, answer))
    .catch(async (error) => send(response, await fromResponse(errorResponse(error))));
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => console.log(`bare server on ${ownOrigin}`));

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

async function handle(request: http.IncomingMessage): Promise<Answer> {
  const url = new URL(request.url ?? "/", ownOrigin);
  const vote = VOTE_PATH.exec(url.pathname);
  if (vote && request.method === "PUT") return ok(await castVote(request, vote[1]!));
  const comments = COMMENTS_PATH.exec(url.pathname);
  if (comments && request.method === "GET" && listSectionComments) {
    const actor = await actorOf(request);
    return ok(await listSectionComments(db, actor, { sectionId: decodeURIComponent(comments[1]!), ...Object.fromEntries(url.searchParams) }));
  }
  if (url.pathname === "/health") return ok({ ok: true });
  return { status: 404, headers: { "content-type": "text/plain" }, body: "missing route" };
}

/**
 * The vote route's steps in its order: path, write guard (origin, session), body, then setVote — the
 * one-statement call of the database function agora_set_vote, which checks the writer (exists, not
 * banned), as the route makes it.
 */
async function castVote(request: http.IncomingMessage, rawId: string) {
  const id = proposalIdSchema.safeParse(decodeURIComponent(rawId));
  if (!id.success) throw new AppError("not_found", "No such proposal.");
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== ownOrigin) throw new AppError("forbidden", "Cross-origin requests cannot change anything here.");
  const identity = await sessionIdentity(request);
  if (!identity) throw new AppError("unauthenticated", "Sign in to take part.");
  if (!/^application\/json\s*(;|$)/i.test(request.headers["content-type"] ?? "")) throw new AppError("unsupported_media_type", "Send the body as JSON.");
  const parsed = voteInputSchema.safeParse(parseJson(await readBody(request)));
  if (!parsed.success) throw AppError.fromZod(parsed.error, "body");
  return setVote(db, { id: identity.userId, sessionId: identity.sessionId }, id.data, parsed.data.stance);
}

/** lib/auth/session.ts getSessionIdentity, minus Next's cookies(): the user and session the next-auth JWT names. */
async function sessionIdentity(request: http.IncomingMessage): Promise<{ userId: string; sessionId: string } | null> {
  const token = cookieValue(request.headers.cookie ?? "", sessionCookieName(config));
  if (!token || !config.secret) return null;
  const payload = await readSessionToken(token, config.secret);
  if (typeof payload?.sub !== "string" || typeof payload.sid !== "string") return null;
  return { userId: payload.sub, sessionId: payload.sid };
}

/** lib/auth/session.ts getActor, minus Next's cookies(): that user, loaded with their session checked. */
async function actorOf(request: http.IncomingMessage): Promise<Actor | null> {
  const identity = await sessionIdentity(request);
  return identity === null ? null : loadActor(db, identity.userId, config, { sessionId: identity.sessionId });
}

function cookieValue(header: string, name: string): string | null {
  for (const pair of header.split(/;\s*/)) {
    const at = pair.indexOf("=");
    if (pair.slice(0, at) === name) return decodeURIComponent(pair.slice(at + 1));
  }
  return null;
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BODY_BYTES) throw new AppError("payload_too_large", "The body is too large.");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "The body is not valid JSON.");
  }
}

const ok = (value: unknown): Answer => ({
  status: 200,
  headers: { "content-type": "application/json", "cache-control": "no-store" },
  body: JSON.stringify(value),
});

async function fromResponse(response: Response): Promise<Answer> {
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
}

function send(response: http.ServerResponse, answer: Answer): void {
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body);
}
