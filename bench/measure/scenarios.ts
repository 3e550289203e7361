import { seededRandom } from "@/support/seeded-random";
import type { CommentSeed } from "../seed/comments";
import type { Sessions } from "../seed/sessions";
import type { CallFactory } from "./load";

export interface ScenarioContext {
  /** The origin mutating requests claim, as a browser on that server would (the write guard checks it). */
  origin: string;
  sessions: Sessions;
  comments: CommentSeed;
  proposalIds: string[];
}

export interface Scenario {
  id: string;
  label: string;
  /** The framework floor it is compared with: the trivial route handler or the trivial dynamic page. */
  floor: "handler" | "page";
  /** Whether the bare Node + PostgreSQL server does the same work (and is measured beside it). */
  bare?: boolean;
  /**
   * Also measured at a steady offered rate, this share of the floor's req/s: the latency budget's load.
   * Flat out, 20 connections queue until p99 is about 20 ÷ throughput whatever the code does (the
   * trivial handler's own p99 is over 100 ms here); a latency budget means latency at a given load.
   */
  pacedShareOfFloor?: number;
  calls(context: ScenarioContext): CallFactory;
}

const json = (origin: string, cookie: string) => ({ "content-type": "application/json", origin, cookie });

/** An anonymous GET: the same request every time. */
export const getPath =
  (path: string): CallFactory =>
  () => ({ method: "GET", path });
const FIRST_PAGE = "sort=top&limit=20";

export const FLOOR_PATH = "/api/bench/floor";
export const FLOOR_HANDLER: Scenario = {
  id: "floor-handler",
  label: "GET /api/bench/floor (trivial handler)",
  floor: "handler",
  calls: () => getPath(FLOOR_PATH),
};
export const FLOOR_PAGE: Scenario = { id: "floor-page", label: "GET /bench/floor (trivial dynamic page)", floor: "page", calls: () => getPath("/bench/floor") };

/** Signed-in readers changing their votes: a random reader, proposal and stance per request. */
export const VOTE: Scenario = {
  id: "vote-put",
  label: "PUT /api/proposals/{id}/vote",
  floor: "handler",
  bare: true,
  // The rate the throughput budget asks the vote to carry: 60% of the trivial handler's.
  pacedShareOfFloor: 0.6,
  calls: ({ origin, sessions, proposalIds }) => {
    const random = seededRandom(11);
    return () => ({
      method: "PUT",
      path: `/api/proposals/${proposalIds[Math.floor(random() * proposalIds.length)]}/vote`,
      headers: json(origin, sessions.next()),
      body: JSON.stringify({ stance: Math.floor(random() * 5) - 2 }),
    });
  },
};

/** New comments in a mid-sized section: most start a thread, some reply. */
export const COMMENT_POST: Scenario = {
  id: "comment-post",
  label: "POST /api/sections/{id}/comments",
  floor: "handler",
  calls: ({ origin, sessions, comments }) => {
    const random = seededRandom(13);
    const { id, sampleIds } = comments.write;
    return () => {
      const reply = random() < 0.3 ? sampleIds[Math.floor(random() * sampleIds.length)] : undefined;
      const body = { body: `Benchmark comment ${Math.floor(random() * 1e9)}: a thought on this section.`, ...(reply ? { parentId: reply } : {}) };
      return { method: "POST", path: `/api/sections/${id}/comments`, headers: json(origin, sessions.next()), body: JSON.stringify(body) };
    };
  },
};

export const ESSAY_ANONYMOUS: Scenario = { id: "essay-anonymous", label: "GET / (essay, anonymous)", floor: "page", calls: () => getPath("/") };

/** A reader who voted sees the counts and their own stances. */
export const ESSAY_READER: Scenario = {
  id: "essay-reader",
  label: "GET / (essay with counts, signed in)",
  floor: "page",
  calls:
    ({ sessions }) =>
    () => ({ method: "GET", path: "/", headers: { cookie: sessions.next() } }),
};

/** The long discussion's own page: its first 20 threads, whole (the 10,000-comment section). */
export const SECTION_PAGE: Scenario = {
  id: "section-page",
  label: "GET /sections/{id} (10,000 comments)",
  floor: "page",
  calls:
    ({ comments }) =>
    () => ({ method: "GET", path: `/sections/${comments.big.id}` }),
};

export const RESULTS_PAGE: Scenario = { id: "results-page", label: "GET /results", floor: "page", calls: () => getPath("/results") };
export const RESULTS_API: Scenario = { id: "results-api", label: "GET /api/results", floor: "handler", calls: () => getPath("/api/results") };

const commentsFirstPage = (size: "small" | "big"): Scenario => ({
  id: `comments-${size}`,
  label: `GET /api/sections/{id}/comments (${size === "big" ? "10,000" : "10"} comments, first page)`,
  floor: "handler",
  bare: true,
  calls:
    ({ comments }) =>
    () => ({ method: "GET", path: `/api/sections/${comments[size].id}/comments?${FIRST_PAGE}` }),
});
export const COMMENTS_SMALL = commentsFirstPage("small");
export const COMMENTS_BIG = commentsFirstPage("big");

/** Agora's scenarios, in the order they run: reads first, so writes do not change what they read. */
export const AGORA_SCENARIOS: Scenario[] = [
  ESSAY_ANONYMOUS,
  ESSAY_READER,
  SECTION_PAGE,
  RESULTS_PAGE,
  RESULTS_API,
  COMMENTS_SMALL,
  COMMENTS_BIG,
  VOTE,
  COMMENT_POST,
];

/** The 60-second mixed load: every connection cycles through votes, pages and comment reads. */
export const MIXED: Scenario[] = [VOTE, ESSAY_READER, RESULTS_PAGE, COMMENTS_BIG, RESULTS_API, ESSAY_ANONYMOUS];
