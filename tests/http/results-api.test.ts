import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadResults } from "@/lib/results/load-results";
import { pseudonym } from "@/lib/results/votes-export";
import { TEST_AUTH_SECRET } from "@/support/app-server";
import { HttpClient } from "@/support/http-client";
import { seededRandom } from "@/support/seeded-random";
import { requirePostgresForHttpSuite, startAppCluster, type AppCluster } from "../support/app-cluster";
import { bruteForceResults, expectResultsMatchBruteForce } from "../support/results-brute-force";

const PROPOSALS = ["open-source", "government-funding", "treaties"];

describe.runIf(await requirePostgresForHttpSuite())("the results API over HTTP", () => {
  let cluster: AppCluster;
  let url: string;
  const readers: { client: HttpClient; id: string }[] = [];

  beforeAll(async () => {
    cluster = await startAppCluster(1);
    url = cluster.servers[0]!.url;
    for (let i = 0; i < 25; i++) {
      const client = new HttpClient(url);
      readers.push({ client, id: (await client.signIn(`Results Reader ${i}`)).id });
    }
    // A few hundred random votes and changes, in concurrent batches.
    const random = seededRandom(Number(process.env.TEST_SEED ?? 99));
    for (let round = 0; round < 12; round++) {
      const batch = Array.from({ length: 25 }, () => {
        const { client } = readers[Math.floor(random() * readers.length)]!;
        const id = PROPOSALS[Math.floor(random() * 3)]!;
        return random() < 0.1
          ? client.request("DELETE", `/api/proposals/${id}/vote`)
          : client.request("PUT", `/api/proposals/${id}/vote`, { json: { stance: Math.floor(random() * 5) - 2 } });
      });
      for (const response of await Promise.all(batch)) expect(response.status).toBe(200);
    }
  }, 180_000);
  afterAll(async () => {
    await cluster?.dispose();
  });

  it("GET /api/results equals a brute-force recomputation from the votes table and history", async () => {
    const response = await fetch(`${url}/api/results`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const served = await response.json();
    expectResultsMatchBruteForce(served, await bruteForceResults(cluster.database.db));
    // The same snapshot the page renders from.
    const direct = await loadResults(cluster.database.db);
    expect(served.proposals.map((p: { sentence: string }) => p.sentence)).toEqual(direct.proposals.map((p) => p.sentence));
  });

  it("GET /api/results/votes.csv has one pseudonymous row per current vote, and no names", async () => {
    const response = await fetch(`${url}/api/results/votes.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="agora-votes-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = (await response.text()).trimEnd().split("\n");
    expect(header).toBe("voter_id,proposal_id,stance,day");
    const truth = await bruteForceResults(cluster.database.db);
    const total = Object.values(truth.counts).reduce((sum, counts) => sum + Object.values(counts).reduce((a, b) => a + b, 0), 0);
    expect(rows).toHaveLength(total);
    const byReader = new Map(readers.map(({ id }) => [pseudonym(id, TEST_AUTH_SECRET), id]));
    for (const row of rows) {
      const [voter, proposal, stance, day] = row.split(",");
      expect(byReader.has(voter!)).toBe(true); // stable: derivable from the user id and the secret only
      expect(PROPOSALS).toContain(proposal);
      expect(Number(stance)).toBeGreaterThanOrEqual(-2);
      expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(row).not.toMatch(/Results Reader/);
    }
  });

  it("serves link-preview images and meta tags for the essay and each proposal", async () => {
    const page = await (await fetch(`${url}/proposals/treaties`)).text();
    expect(page).toMatch(/<meta property="og:image" content="[^"]*\/proposals\/treaties\/opengraph-image/);
    expect(page).toContain('<meta property="og:title" content="Treaties against AI in war"');
    const image = await fetch(`${url}/proposals/treaties/opengraph-image`);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(5000);
    const home = await (await fetch(`${url}/`)).text();
    expect(home).toMatch(/<meta property="og:image" content="[^"]*\/opengraph-image/);
    expect((await fetch(`${url}/opengraph-image`)).headers.get("content-type")).toBe("image/png");
  });

  // Last: its vote would change what the tests above compare.
  it("a reader who votes through the API sees it counted on /results at once, though the page had just rendered", async () => {
    const voter = new HttpClient(url);
    await voter.signIn("Results Newcomer");
    const total = async () => Number(/How (\d+) readers voted on “Treaties/.exec(await (await voter.get("/results")).text())?.[1]);
    const before = await total(); // renders, and so caches, this instance's snapshot
    expect((await voter.request("PUT", "/api/proposals/treaties/vote", { json: { stance: 1 } })).status).toBe(200);
    // Well inside the snapshot's one second: only the vote dropping the page's snapshot shows it.
    expect(await total()).toBe(before + 1);
  });
});
