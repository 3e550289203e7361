import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` uses this: it diffs db/schema.ts against drizzle/ and needs no database.
// Migrations are applied by the app itself (db/migrate.ts) on every driver, so no credentials here.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./drizzle",
});
