import { onCleanup } from "../harness/cleanup";
import { createPgliteDatabase, createPostgresDatabase } from "../harness/databases";
import { describeMeasurement, log } from "../harness/log";
import type { BenchOptions, DriverConfig } from "../harness/options";
import { loadSettings, PORTS, startAgora, startBareServer, type RunningServer } from "../harness/servers";
import type { DriverResult, ScenarioResult } from "../report/results";
import { checkVotesAfterLoad, seedDatabase } from "../seed/database";
import { signInReaders } from "../seed/sessions";
import { measureColdStart } from "./cold-start";
import { measureInTurns, ROUNDS } from "./in-turns";
import { everyAuditedPage, LIGHTHOUSE_PAGES, runLighthouse, type LighthouseAudits } from "./lighthouse";
import { measure, probe, warmUpServer, type CallFactory, type LoadSettings, type Measurement } from "./load";
import { runMixedLoad } from "./mixed-load";
import { measurePageWeight } from "./page-weight";
import { readEssayWithoutJavaScript } from "./reading-without-javascript";
import { AGORA_SCENARIOS, COMMENTS_BIG, COMMENTS_SMALL, FLOOR_HANDLER, FLOOR_PAGE, VOTE, type Scenario, type ScenarioContext } from "./scenarios";

/** Pages whose weight is reported; the section page exists once the comments work is merged. */
const WEIGHED_PAGES = (sectionId: string) => ["/", "/results", `/sections/${sectionId}`, "/bench/floor"];

/**
 * One configuration end to end: a fresh database, seeded; `next start` on it; readers signed in; page
 * weight; each scenario between its references (the framework floor right before it, the bare server
 * right after it on PostgreSQL), so a ratio never spans more than a few seconds of machine drift; the
 * mixed load and Lighthouse; then the vote invariants, checked after all that load.
 */
export async function runDriver(driver: DriverConfig, options: BenchOptions): Promise<{ result: DriverResult; lighthouse: LighthouseAudits | null }> {
  const target = driver === "postgres" ? await createPostgresDatabase("pg") : createPgliteDatabase();
  const dropDatabase = onCleanup(`drop ${target.label}`, target.drop);
  log(`${driver}: seeding ${target.label}`);
  const seed = await seedDatabase(target);
  log(`${driver}: ${seed.readers} readers, ${seed.votes} votes, ${seed.comments} comments in ${seed.seconds.toFixed(0)} s`);

  const server = await startAgora(target);
  const stopServer = onCleanup(`stop next start (${driver})`, server.stop);
  const bare = driver === "postgres" ? await startBareServer(server.env) : null;
  const stopBare = bare ? onCleanup("stop the bare server", bare.stop) : async () => {};
  const sessions = await signInReaders(server.url, options.signedInReaders);
  log(`${driver}: next start on ${server.url} (pid ${server.pid})${bare ? `, bare server on ${bare.url}` : ""}, ${sessions.count} readers signed in`);
  const context: ScenarioContext = { origin: server.url, sessions, comments: seed.sections, proposalIds: seed.proposalIds };
  const settings = loadSettings(server, options);

  const result: DriverResult = {
    driver,
    seed: {
      readers: seed.readers,
      votes: seed.votes,
      comments: seed.comments,
      bigSection: seed.sections.big.id,
      smallSection: seed.sections.small.id,
      writeSection: seed.sections.write.id,
      seconds: seed.seconds,
    },
    signedInReaders: sessions.count,
    scenarios: [],
    voteProblemsAfterLoad: [],
  };
  if (driver === "postgres") {
    result.pageWeight = [];
    for (const path of WEIGHED_PAGES(seed.sections.big.id)) result.pageWeight.push(await measurePageWeight(server.url, path));
    result.noScript = await readEssayWithoutJavaScript(server.url);
    log(`${driver}: page weight measured; ${result.noScript.detail}`);
  }

  const everything = [FLOOR_HANDLER, FLOOR_PAGE, ...AGORA_SCENARIOS].map((scenario) => scenario.calls(context));
  await warmUpServer(server.url, everything, options.connections, options.serverWarmupSeconds);
  if (bare)
    await warmUpServer(
      bare.url,
      [VOTE, COMMENTS_SMALL, COMMENTS_BIG].map((scenario) => scenario.calls({ ...context, origin: bare.url })),
      options.connections,
      options.serverWarmupSeconds / 2,
    );
  for (const scenario of AGORA_SCENARIOS) {
    result.scenarios.push(await runScenario(driver, scenario, { server, bare, context, settings }));
  }
  await stopBare();
  if (driver === "postgres") {
    const side = (scenario: Scenario) => ({ baseUrl: server.url, factories: [scenario.calls(context)], settings });
    const [small, large] = await measureInTurns([side(COMMENTS_SMALL), side(COMMENTS_BIG)], ROUNDS);
    result.commentGrowth = { id: "comments-first-page", label: "Comments first page", small: small!, large: large! };
    log(`${driver}: comments first page in turns: ${describeMeasurement(small!)} at 10; ${describeMeasurement(large!)} at 10,000`);
  }

  let lighthouse: LighthouseAudits | null = null;
  if (driver === "postgres") {
    result.mixed = await runMixedLoad(server, context, { ...settings, seconds: options.mixedSeconds });
    log(`${driver}: mixed load ${describeMeasurement(result.mixed.measurement)}; RSS after ${result.mixed.rssAfterMb?.toFixed(0)} MB`);
    if (options.lighthouse) lighthouse = await lighthouseOn(server, seed.sections.big.id);
    result.coldStart = await measureColdStart(server, PORTS, sessions.next(), seed.proposalIds[0]!, options.quick ? 2 : 5);
    log(`${driver}: cold start ${result.coldStart.targets.map((target) => `${target.id} ${target.medianMs.toFixed(0)} ms`).join(", ")}`);
  }

  await stopServer();
  result.voteProblemsAfterLoad = await checkVotesAfterLoad(target);
  log(`${driver}: vote invariants after the load: ${result.voteProblemsAfterLoad.length === 0 ? "hold" : result.voteProblemsAfterLoad.slice(0, 3).join("; ")}`);
  await dropDatabase();
  return { result, lighthouse };
}

interface Targets {
  server: RunningServer;
  bare: RunningServer | null;
  context: ScenarioContext;
  settings: LoadSettings;
}

/** Floor and scenario in turns, then (if it has one) its bare equivalent; nothing at all for a missing route. */
async function runScenario(driver: DriverConfig, scenario: Scenario, { server, bare, context, settings }: Targets): Promise<ScenarioResult> {
  const base = { id: scenario.id, label: scenario.label, floor: scenario.floor };
  const { missing, detail } = await probe(server.url, scenario.calls(context));
  if (missing) {
    log(`${driver}: ${scenario.id}: missing route (${detail})`);
    return { ...base, measurement: { status: "missing route", detail }, floorMeasurement: null, ...(scenario.bare && bare ? { bareMeasurement: null } : {}) };
  }
  const floor = scenario.floor === "handler" ? FLOOR_HANDLER : FLOOR_PAGE;
  // In turns (floor, scenario, floor, scenario…): a load swing on a shared machine falls on both sides
  // of the ratio instead of on whichever ran during it.
  const side = (calls: CallFactory) => ({ baseUrl: server.url, factories: [calls], settings });
  const [floorMeasurement, measurement] = (await measureInTurns([side(floor.calls(context)), side(scenario.calls(context))], ROUNDS)) as [
    Measurement,
    Measurement,
  ];
  log(`${driver}: ${scenario.id}: ${describeMeasurement(measurement)}; floor ${describeMeasurement(floorMeasurement)}`);
  const floorRate = floorMeasurement.status === "ok" ? floorMeasurement.requestsPerSecond : 0;
  const paced =
    scenario.pacedShareOfFloor && floorRate > 0
      ? await measurePaced(server.url, scenario, context, settings, Math.round(floorRate * scenario.pacedShareOfFloor))
      : undefined;
  if (!scenario.bare || !bare) return { ...base, measurement, floorMeasurement, ...(paced ? { paced } : {}) };
  const bareMeasurement = await measure(bare.url, [scenario.calls({ ...context, origin: bare.url })], {
    ...settings,
    serverPid: bare.pid,
    databaseCpu: bare.databaseCpu,
  });
  log(`${driver}: ${scenario.id} on the bare server: ${describeMeasurement(bareMeasurement)}`);
  return { ...base, measurement, floorMeasurement, bareMeasurement: bareMeasurement as Measurement, ...(paced ? { paced } : {}) };
}

/** The scenario at a steady offered rate over the same connections (no warm-up: it just ran flat out). */
async function measurePaced(url: string, scenario: Scenario, context: ScenarioContext, settings: LoadSettings, ratePerSecond: number) {
  const measurement = await measure(url, [scenario.calls(context)], { ...settings, warmupSeconds: 0, ratePerSecond });
  log(`${scenario.id} at ${ratePerSecond} req/s offered: ${describeMeasurement(measurement)}`);
  return { ratePerSecond, measurement };
}

async function lighthouseOn(server: RunningServer, bigSectionId: string): Promise<LighthouseAudits | null> {
  try {
    // The long discussion's page too: long threads, code blocks with long lines, long links (bench/seed/comments.ts).
    const audits = await runLighthouse(server.url, [...LIGHTHOUSE_PAGES, `/sections/${bigSectionId}`]);
    log(`lighthouse: benchmarkIndex ${audits.calibration?.benchmarkIndex}, CPU slowdown ${audits.calibration?.cpuSlowdownMultiplier}×`);
    for (const page of everyAuditedPage(audits)) log(`lighthouse ${page.path}: ${JSON.stringify(page.scores)}`);
    return audits;
  } catch (error) {
    log(`lighthouse failed: ${(error as Error).message}`);
    return null;
  }
}
