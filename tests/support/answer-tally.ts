/** What a load test's requests were answered, by kind of request (vote, comment, …) and status. */
export class AnswerTally {
  private readonly byKind = new Map<string, Map<number, number>>();

  count(kind: string, status: number): void {
    const statuses = this.byKind.get(kind) ?? new Map<number, number>();
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    this.byKind.set(kind, statuses);
  }

  total(): number {
    let sum = 0;
    for (const statuses of this.byKind.values()) for (const n of statuses.values()) sum += n;
    return sum;
  }

  /** `{"vote": {"200": 812, "403": 2}, …}`, for the log line a failure is read from. */
  toJSON(): Record<string, Record<string, number>> {
    const sorted = [...this.byKind].sort(([a], [b]) => a.localeCompare(b));
    return Object.fromEntries(sorted.map(([kind, statuses]) => [kind, Object.fromEntries([...statuses].sort(([a], [b]) => a - b))]));
  }

  /**
   * The kinds whose share of successful (2xx) answers is below its minimum, each with its figures;
   * empty when every kind named in `minimums` was sent and met it. A kind never sent falls short too,
   * so a workload that stops exercising something cannot pass by silence.
   */
  shortfalls(minimums: Record<string, number>): string[] {
    const problems: string[] = [];
    for (const [kind, minimum] of Object.entries(minimums)) {
      const statuses = [...(this.byKind.get(kind) ?? [])];
      const sent = statuses.reduce((sum, [, n]) => sum + n, 0);
      const succeeded = statuses.filter(([status]) => status >= 200 && status < 300).reduce((sum, [, n]) => sum + n, 0);
      if (sent === 0) problems.push(`${kind}: never sent`);
      else if (succeeded / sent < minimum)
        problems.push(`${kind}: ${percent(succeeded / sent)} succeeded (${succeeded} of ${sent}), below ${percent(minimum)}`);
    }
    return problems;
  }
}

const percent = (share: number) => `${Math.floor(share * 1000) / 10}%`;
