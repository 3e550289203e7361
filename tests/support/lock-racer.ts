import { createInterface } from "node:readline";
import { lockDataDirectory } from "@/db/pglite-lock";

// One contender in tests/security/pglite-lock-race.test.ts: for each line {"round","dir","at"} on stdin
// it waits, spinning, until the wall-clock time `at` (so both contenders start within microseconds of
// each other), tries to lock `dir`, and answers {"round","won","error"?}. A won lock is kept until exit.

const now = () => performance.timeOrigin + performance.now();

for await (const line of createInterface({ input: process.stdin })) {
  const { round, dir, at } = JSON.parse(line) as { round: number; dir: string; at: number };
  while (now() < at);
  try {
    lockDataDirectory(dir);
    process.stdout.write(`${JSON.stringify({ round, won: true })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ round, won: false, error: (error as Error).message })}\n`);
  }
}
