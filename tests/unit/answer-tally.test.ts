import { describe, expect, it } from "vitest";
import { AnswerTally } from "../support/answer-tally";

// The concurrency suite passes only if enough of each kind of write succeeds: this proves that check
// fails for a server that refuses (every reader banned: 403 everywhere), not only that it passes.
describe("AnswerTally.shortfalls", () => {
  const tallyOf = (answers: [kind: string, status: number, times: number][]) => {
    const tally = new AnswerTally();
    for (const [kind, status, times] of answers) for (let i = 0; i < times; i++) tally.count(kind, status);
    return tally;
  };

  it("passes a workload where each kind meets its share", () => {
    const tally = tallyOf([
      ["vote", 200, 99],
      ["vote", 409, 1],
      ["comment", 201, 90],
      ["comment", 404, 10],
    ]);
    expect(tally.shortfalls({ vote: 0.95, comment: 0.9 })).toEqual([]);
    expect(tally.total()).toBe(200);
  });

  it("fails a server that refuses every write, naming each kind with its figures", () => {
    const tally = tallyOf([
      ["vote", 403, 40],
      ["comment", 403, 30],
      ["read", 200, 10],
    ]);
    expect(tally.shortfalls({ vote: 0.95, comment: 0.9, read: 0.99 })).toEqual([
      "vote: 0% succeeded (0 of 40), below 95%",
      "comment: 0% succeeded (0 of 30), below 90%",
    ]);
  });

  it("fails a kind just under its share, and one never sent", () => {
    const tally = tallyOf([
      ["vote", 200, 94],
      ["vote", 403, 6],
    ]);
    expect(tally.shortfalls({ vote: 0.95, report: 0.5 })).toEqual(["vote: 94% succeeded (94 of 100), below 95%", "report: never sent"]);
  });
});
