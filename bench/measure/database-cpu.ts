import pg from "pg";
import { processCpuMs } from "./process-tree";

/** CPU time used so far by each backend of one application, by pid. */
export type BackendSnapshot = Map<number, number>;

/**
 * The PostgreSQL backends serving one application: each server's pool connects with its own
 * application_name (see withApplicationName), so the database's share of a request's cost can be read
 * from /proc when the PostgreSQL server runs on this machine. Null when it does not.
 */
export function backendSnapshots(databaseUrl: string): () => Promise<BackendSnapshot | null> {
  const url = new URL(databaseUrl);
  const [database, application] = [url.pathname.slice(1), url.searchParams.get("application_name")];
  const probeUrl = withApplicationName(databaseUrl, "agora_bench_probe");
  return async () => {
    const client = new pg.Client({ connectionString: probeUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>("select pid from pg_stat_activity where datname = $1 and application_name = $2", [
        database,
        application,
      ]);
      const snapshot: BackendSnapshot = new Map();
      for (const { pid } of rows) {
        const used = processCpuMs(pid);
        if (used === null) return null; // the server is not on this machine
        snapshot.set(pid, used);
      }
      return snapshot;
    } finally {
      await client.end();
    }
  };
}

/** CPU the backends used between two snapshots; a backend opened in between counts from zero. */
export function backendCpuBetween(before: BackendSnapshot, after: BackendSnapshot): number {
  let used = 0;
  for (const [pid, cpu] of after) used += cpu - (before.get(pid) ?? 0);
  return used;
}

/** The same database URL with an application_name its backends can be told apart by. */
export function withApplicationName(databaseUrl: string, application: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set("application_name", application);
  return url.toString();
}
