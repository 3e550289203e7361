// Fails on 20aeeb1: two processes opening one embedded database at the same moment could both get it
// (the lock file was created empty and its pid written after; a stale lock was removed by whoever saw it).
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockDataDirectory } from "@/db/pglite-lock";

const ROUNDS = 200;

interface Answer {
  round: number;
  won: boolean;
  error?: string;
}

/** A long-lived contender process (tests/support/lock-racer.ts) and its answers, in order. */
function startRacer() {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/lock-racer.ts"], {
    stdio: ["pipe", "pipe", "pipe"],
  }) as ChildProcessWithoutNullStreams;
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return {
    child,
    send: (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`),
    next: async (): Promise<Answer> => {
      const { value, done } = await lines.next();
      if (done) throw new Error(`a racer exited early:\n${stderr}`);
      return JSON.parse(value as string) as Answer;
    },
  };
}

async function deadPid(): Promise<number> {
  const dead = spawn(process.execPath, ["-e", ""]);
  await new Promise((resolve) => dead.on("exit", resolve));
  return dead.pid!;
}

describe("the embedded database's directory lock under a race between two processes", () => {
  let root: string;
  let racers: ReturnType<typeof startRacer>[];
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), "agora-lock-race-"));
    racers = [startRacer(), startRacer()];
  });
  afterAll(async () => {
    await Promise.all(
      (racers ?? []).map(({ child }) => {
        child.stdin.end();
        return new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
      }),
    );
    rmSync(root, { recursive: true, force: true });
  });

  it(`gives a directory to exactly one of two processes starting together, ${ROUNDS} times (half of them over a stale lock of a dead process)`, async () => {
    const stale = await deadPid();
    const notExactlyOne: string[] = [];
    const loserErrors: (string | undefined)[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const dir = path.join(root, `data-${round}`);
      // Odd rounds: a lock left by a process that died; both contenders judge it stale at once.
      if (round % 2 === 1) writeFileSync(`${dir}.lock`, String(stale));
      const at = performance.timeOrigin + performance.now() + 25;
      for (const racer of racers) racer.send({ round, dir, at });
      const answers = await Promise.all(racers.map((racer) => racer.next()));
      expect(answers.map((answer) => answer.round)).toEqual([round, round]);
      const winners = answers.filter((answer) => answer.won).length;
      if (winners !== 1) notExactlyOne.push(`round ${round}: ${winners} winners`);
      loserErrors.push(...answers.flatMap((answer) => (answer.won ? [] : [answer.error])));
    }
    expect(notExactlyOne).toEqual([]);
    // Each loser is told plainly who holds it.
    for (const error of loserErrors) expect(error).toMatch(/is in use by another process \(pid \d+\)/);
  }, 120_000);
});

describe("a lock file that names no process", () => {
  const fresh = () => path.join(mkdtempSync(path.join(tmpdir(), "agora-lock-")), "data");

  it.each([
    ["empty", ""],
    ["garbled", "not a pid\n"],
    ["a pid of zero", "0"],
  ])("is treated as held when %s, naming the file to remove", (_, content) => {
    const dataDir = fresh();
    writeFileSync(`${dataDir}.lock`, content);
    expect(() => lockDataDirectory(dataDir)).toThrow(`is locked by ${dataDir}.lock, which names no live process`);
    expect(() => lockDataDirectory(dataDir)).toThrow(/delete that file and start again/);
  });

  it("is taken over when its process is dead, and removed when its new owner releases it", async () => {
    const dataDir = fresh();
    writeFileSync(`${dataDir}.lock`, String(await deadPid()));
    const release = lockDataDirectory(dataDir);
    expect(readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(process.pid));
    release();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
