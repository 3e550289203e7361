// npm run db:migrate — applies drizzle/ migrations and syncs content/essays into the database the
// environment names (POSTGRES_URL, DATABASE_URL, or the embedded PGlite directory).
import { connectionConfigFromEnv, openDatabase } from "../db/client";

const config = connectionConfigFromEnv();
try {
  const database = await openDatabase(config);
  await database.close();
  console.log(`Migrated and synced content (${config.driver}).`);
} catch (error) {
  console.error(`Migration failed (${config.driver}): ${(error as Error).message}`);
  process.exit(1);
}
