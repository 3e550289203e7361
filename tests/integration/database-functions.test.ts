import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql, TransactionRollbackError } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbOrTx } from "@/db/database";
import { applyDatabaseFunctions, applyFile, readDatabaseFunctionFiles } from "@/db/database-functions";
import { MIGRATIONS_DIR } from "@/db/migrate";
import { queryRows } from "@/db/raw-sql";
import { databaseFunctionFiles } from "@/db/schema";
import { availableDrivers, openTestDatabase, type TestDatabase } from "../support/drivers";

const drivers = await availableDrivers();
const files = readDatabaseFunctionFiles();

/** Every function in the app's schema and every trigger on its tables, as PostgreSQL prints them back. */
async function definitions(db: DbOrTx): Promise<Record<string, string>> {
  const rows = await queryRows<{ key: string; definition: string }>(
    db,
    sql`select 'function ' || p.oid::regprocedure::text as key, pg_get_functiondef(p.oid) as definition
          from pg_proc p where p.pronamespace = current_schema()::regnamespace
        union all
        select 'trigger ' || t.tgname, pg_get_triggerdef(t.oid)
          from pg_trigger t join pg_class c on c.oid = t.tgrelid
         where not t.tgisinternal and c.relnamespace = current_schema()::regnamespace
        order by 1`,
  );
  return Object.fromEntries(rows.map((row) => [row.key, row.definition]));
}

/** What the files define, applied afresh inside a transaction that is then rolled back. */
async function definitionsFromFiles(db: DbOrTx): Promise<Record<string, string>> {
  let fromFiles: Record<string, string> = {};
  await db
    .transaction(async (tx) => {
      for (const file of files) await applyFile(tx, file);
      fromFiles = await definitions(tx);
      tx.rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof TransactionRollbackError)) throw error;
    });
  return fromFiles;
}

describe("db/functions", () => {
  it("holds one statement per file, named like its file, functions before triggers", () => {
    expect(files.map((file) => file.name)).toEqual(
      expect.arrayContaining([
        "agora_set_vote",
        "agora_hit_rate_limit",
        "agora_side",
        "agora_refuse_change",
        "vote_events_append_only",
        "moderation_log_append_only",
      ]),
    );
    expect(files.findIndex((file) => file.kind === "trigger")).toBeGreaterThan(files.findLastIndex((file) => file.kind === "function"));
  });

  it("is the only place that defines them: no journaled migration creates a function or trigger", () => {
    const migrations = readdirSync(MIGRATIONS_DIR).filter((file) => file.endsWith(".sql"));
    expect(migrations.length).toBeGreaterThan(5);
    const defining = migrations.filter((file) =>
      /\bCREATE\s+(OR\s+REPLACE\s+)?(FUNCTION|TRIGGER)\b/i.test(readFileSync(path.join(MIGRATIONS_DIR, file), "utf8")),
    );
    expect(defining).toEqual([]);
  });

  it("refuses a file with two statements or a name unlike its file", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "agora-functions-"));
    writeFileSync(
      path.join(dir, "agora_a.sql"),
      "CREATE OR REPLACE FUNCTION agora_a() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\nCREATE OR REPLACE FUNCTION agora_b() RETURNS int LANGUAGE sql AS $$ SELECT 2 $$;",
    );
    expect(() => readDatabaseFunctionFiles(dir)).toThrow(/exactly one/);
    const other = mkdtempSync(path.join(tmpdir(), "agora-functions-"));
    writeFileSync(path.join(other, "agora_a.sql"), "CREATE OR REPLACE FUNCTION agora_b() RETURNS int LANGUAGE sql AS $$ SELECT 2 $$;");
    expect(() => readDatabaseFunctionFiles(other)).toThrow(/name the file agora_b\.sql/);
  });
});

describe.each(drivers)("database functions on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(driver);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("a migrated database runs exactly what db/functions says: nothing more, nothing less, one overload each", async () => {
    const live = await definitions(database.db);
    expect(live).toEqual(await definitionsFromFiles(database.db));
    const names = Object.keys(live).map((key) => key.replace(/^(function|trigger) /, "").replace(/\(.*$/, ""));
    expect(names.sort()).toEqual(files.map((file) => file.name).sort());
  });

  it("records each file's hash, so a start with nothing changed applies nothing", async () => {
    const recorded = await database.db.select().from(databaseFunctionFiles);
    expect(Object.fromEntries(recorded.map((row) => [row.file, row.sha256]))).toEqual(Object.fromEntries(files.map((file) => [file.file, file.sha256])));
    expect(await applyDatabaseFunctions(database.db)).toEqual([]);
  });

  it("the check can fail: a function changed by hand differs from its file, and the next start puts the file back", async () => {
    await database.db.execute(
      sql.raw("CREATE OR REPLACE FUNCTION agora_side(p_stance smallint) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'tampered' $$"),
    );
    expect(await definitions(database.db)).not.toEqual(await definitionsFromFiles(database.db));
    // The recorded hash still matches the file, so only a changed file is applied again: say so.
    const side = files.find((file) => file.name === "agora_side")!;
    expect(await applyDatabaseFunctions(database.db, [{ ...side, sha256: "changed" }])).toEqual(["agora_side.sql"]);
    expect(await definitions(database.db)).toEqual(await definitionsFromFiles(database.db));
  });

  it("a file that changes a function's signature replaces it instead of adding an overload", async () => {
    const side = files.find((file) => file.name === "agora_side")!;
    const widened = { ...side, text: side.text.replace("agora_side(p_stance smallint)", "agora_side(p_stance integer)"), sha256: "widened" };
    expect(widened.text).not.toBe(side.text);
    await applyDatabaseFunctions(database.db, [widened]);
    const [row] = await queryRows<{ overloads: number }>(database.db, sql`select count(*)::int as overloads from pg_proc where proname = 'agora_side'`);
    expect(Number(row!.overloads)).toBe(1);
    await applyDatabaseFunctions(database.db, [{ ...side, sha256: "restored" }]);
    expect(await definitions(database.db)).toEqual(await definitionsFromFiles(database.db));
  });
});
