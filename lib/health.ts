import { sql } from "drizzle-orm";
import type { Database, DriverName } from "@/db/database";
import { toAppError, withTimeout } from "./errors";

/** The health check answers within this, whatever the database does. */
export const HEALTH_TIMEOUT_MS = 2000;
const HEALTH_BUDGET_MS = HEALTH_TIMEOUT_MS - 300;

/** Opens (if needed) and pings the database; throws `unavailable` instead of hanging. */
export async function checkHealth(getDatabase: () => Promise<Database>): Promise<{ ok: true; db: DriverName }> {
  return withTimeout(
    (async () => {
      const { db, driver } = await getDatabase();
      await db.execute(sql`select 1`);
      return { ok: true as const, db: driver };
    })(),
    HEALTH_BUDGET_MS,
  ).catch((error: unknown) => {
    throw toAppError(error);
  });
}
