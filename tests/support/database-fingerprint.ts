import { sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { queryRows } from "@/db/raw-sql";

/**
 * Row count and content checksum of every table, to prove a batch of requests changed nothing.
 * Rate-limit counters are left out: counting attempts (hostile ones included) is their job.
 */
export async function databaseFingerprint(db: Db): Promise<Record<string, { rows: number; md5: string }>> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select tablename as name from pg_tables where schemaname = 'public' and tablename <> 'rate_limit_windows' order by tablename`,
  );
  const fingerprint: Record<string, { rows: number; md5: string }> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ rows: number; md5: string | null }>(
      db,
      sql`select count(*)::int as rows, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as md5 from ${sql.identifier(name)} t`,
    );
    fingerprint[name] = { rows: Number(row!.rows), md5: row!.md5 ?? "" };
  }
  return fingerprint;
}
