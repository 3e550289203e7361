import type { RunningServer } from "../harness/servers";
import type { MixedResult } from "../report/results";
import { measure, probe, type CallFactory, type LoadSettings } from "./load";
import { treeRssMb } from "./process-tree";
import { MIXED, type ScenarioContext } from "./scenarios";

/**
 * A sustained mixed load (votes, the essay, results, comment reads) for `settings.seconds`, then the
 * server's resident memory: a leak or an unbounded cache shows here, not in short scenarios.
 * Scenarios whose route this branch lacks are left out of the mix and named.
 */
export async function runMixedLoad(server: RunningServer, context: ScenarioContext, settings: LoadSettings): Promise<MixedResult> {
  const included: string[] = [];
  const missing: string[] = [];
  const factories: CallFactory[] = [];
  for (const scenario of MIXED) {
    const factory = scenario.calls(context);
    if ((await probe(server.url, factory)).missing) {
      missing.push(scenario.id);
    } else {
      included.push(scenario.id);
      factories.push(factory);
    }
  }
  const measurement = await measure(server.url, factories, { ...settings, warmupSeconds: 0 });
  return { seconds: settings.seconds, scenarios: included, missing, measurement, rssAfterMb: treeRssMb(server.pid) };
}
