import { figuresOf, probeAll, sampledRun, warmUp, type CallFactory, type LoadSettings, type Measurement, type RunSample } from "./load";

/** Short runs taken in turns per comparison: enough to share the machine's minutes, few enough to stay long. */
export const ROUNDS = 4;

export interface Side {
  baseUrl: string;
  factories: CallFactory[];
  settings: LoadSettings;
}

/**
 * Compares two (or more) things on a drifting machine: each side's `settings.seconds` are cut into
 * `rounds` short runs taken in turns (A B A B …), so all sides live through the same minutes; each
 * side's latencies are the medians of its runs. If any side's route is missing, there is no comparison.
 */
export async function measureInTurns(sides: Side[], rounds: number): Promise<Measurement[]> {
  for (const side of sides) {
    const missing = await probeAll(side.baseUrl, side.factories);
    if (missing) return sides.map(() => missing);
  }
  for (const side of sides) await warmUp(side.baseUrl, side.factories, side.settings);
  const samples: RunSample[][] = sides.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, side] of sides.entries()) {
      samples[index]!.push(await sampledRun(side.baseUrl, side.factories, side.settings, Math.max(1, side.settings.seconds / rounds)));
    }
  }
  return samples.map((runs) => ({ status: "ok", ...figuresOf(runs) }));
}
