/**
 * How fast is the first page of a big discussion? Seeds a fresh PostgreSQL database with 10
 * comments in one section and 10,000 (in threads) in another, starts the production build
 * (`next start`) on it, and times GET /api/sections/{id}/comments (and the section's page).
 *
 *   npm run build && npm run bench:comments      # needs the PostgreSQL server at TEST_DATABASE_URL
 */
import { openDatabase } from "@/db/client";
import { freePort, productionEnv, startAppServer } from "@/support/app-server";
import { HttpClient } from "@/support/http-client";
import { createTestDatabase } from "@/support/postgres-server";
import { seedDiscussion } from "@/support/seed-comments";

const RUNS = 50;
const CASES = [
  { sectionId: "introduction", comments: 10, topLevel: 5 },
  { sectionId: "finally", comments: 10_000, topLevel: 1_000 },
];

async function time(client: HttpClient, path: string): Promise<{ first: number; median: number; p95: number; bytes: number }> {
  // The very first request renders every comment's Markdown (later ones find it in the memo).
  const coldStart = performance.now();
  await (await client.get(path)).arrayBuffer();
  const first = performance.now() - coldStart;
  for (let i = 0; i < 4; i++) await (await client.get(path)).arrayBuffer(); // warm up
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const response = await client.get(path);
    bytes = (await response.arrayBuffer()).byteLength;
    samples.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  }
  samples.sort((a, b) => a - b);
  return { first, median: samples[Math.floor(RUNS / 2)]!, p95: samples[Math.floor(RUNS * 0.95)]!, bytes };
}

const fresh = await createTestDatabase();
try {
  const database = await openDatabase({ driver: "postgres", url: fresh.url.toString() });
  const seeding = performance.now();
  for (const seed of CASES) await seedDiscussion(database.db, seed);
  console.log(`seeded ${CASES.map((seed) => `${seed.comments} comments in ${seed.sectionId}`).join(" and ")} in ${Math.round(performance.now() - seeding)} ms`);
  await database.close();

  const port = await freePort();
  const server = await startAppServer(productionEnv(port, { DATABASE_URL: fresh.url.toString() }), port);
  try {
    const anonymous = new HttpClient(server.url);
    const reader = new HttpClient(server.url);
    await reader.signIn("Bench Reader");
    console.log(`\nthe first request, then ${RUNS} sequential requests after 5 warm-up requests (ms):\n`);
    console.log("| comments in the section | request | first | median | p95 | response |");
    console.log("| ---: | --- | ---: | ---: | ---: | ---: |");
    for (const { sectionId, comments } of CASES) {
      for (const [label, client, path] of [
        ["GET first page (20 threads), signed out", anonymous, `/api/sections/${sectionId}/comments`],
        ["GET first page (20 threads), signed in", reader, `/api/sections/${sectionId}/comments`],
        ["GET first page sort=new", anonymous, `/api/sections/${sectionId}/comments?sort=new`],
        ["page /sections/{id} (HTML)", anonymous, `/sections/${sectionId}`],
      ] as const) {
        const result = await time(client, path);
        console.log(
          `| ${comments.toLocaleString("en")} | ${label} | ${result.first.toFixed(1)} | ${result.median.toFixed(1)} | ${result.p95.toFixed(1)} | ${(result.bytes / 1024).toFixed(0)} KiB |`,
        );
      }
    }
  } finally {
    await server.stop();
  }
} finally {
  await fresh.drop();
}
