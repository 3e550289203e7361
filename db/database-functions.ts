import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "./database";
import { queryRows } from "./raw-sql";
import { databaseFunctionFiles } from "./schema";

/**
 * The database's functions and triggers are source files, one each, in db/functions/ — where a reader
 * learns the rules, instead of the journaled migration that last copied them. After the journaled
 * migrations (db/migrate.ts, under the same advisory lock) every file whose SHA-256 differs from the
 * one recorded in `database_function_files` is applied again, in one transaction: Flyway's repeatable
 * (`R__`) migrations, Supabase's declarative schemas. A start with nothing changed costs one query.
 *
 * Each file holds exactly one `CREATE OR REPLACE FUNCTION` or `CREATE OR REPLACE TRIGGER` statement
 * (comments aside). A changed function file first drops every overload of its name, so changing a
 * signature or a result type needs nothing more than editing the file; trigger functions are the
 * exception (triggers depend on them, and their signature never changes: replaced in place).
 * Journaled migrations must not call these functions: they run before them.
 */
export const FUNCTIONS_DIR = path.join(process.cwd(), "db", "functions");

export interface DatabaseFunctionFile {
  /** The file's name, e.g. "agora_set_vote.sql". */
  file: string;
  kind: "function" | "trigger";
  /** The function's or trigger's name, which is the file's name. */
  name: string;
  text: string;
  sha256: string;
}

const CREATE = /\bCREATE\s+OR\s+REPLACE\s+(FUNCTION|TRIGGER)\s+([a-z_][a-z0-9_]*)\b/gi;

/** Reads and checks every file: one statement each, named like its file. Functions come before triggers. */
export function readDatabaseFunctionFiles(dir = FUNCTIONS_DIR): DatabaseFunctionFile[] {
  // Traced by next.config.js (outputFileTracingIncludes): without the ignore, Turbopack traces the whole project.
  const files = readdirSync(/* turbopackIgnore: true */ dir)
    .filter((file) => file.endsWith(".sql"))
    .sort()
    .map((file): DatabaseFunctionFile => {
      const text = readFileSync(/* turbopackIgnore: true */ path.join(/* turbopackIgnore: true */ dir, file), "utf8");
      const creates = [...text.matchAll(CREATE)];
      const [create] = creates;
      if (creates.length !== 1 || !create)
        throw new Error(`db/functions/${file}: expected exactly one CREATE OR REPLACE FUNCTION or TRIGGER, found ${creates.length}.`);
      const name = create[2]!.toLowerCase();
      if (`${name}.sql` !== file) throw new Error(`db/functions/${file}: defines ${name}; name the file ${name}.sql.`);
      return { file, kind: create[1]!.toLowerCase() as "function" | "trigger", name, text, sha256: createHash("sha256").update(text).digest("hex") };
    });
  return [...files.filter((file) => file.kind === "function"), ...files.filter((file) => file.kind === "trigger")];
}

/** Applies every file that changed since this database last applied it (all of them on a new database). */
export async function applyDatabaseFunctions(db: DbOrTx, files = readDatabaseFunctionFiles()): Promise<string[]> {
  const applied = new Map((await db.select().from(databaseFunctionFiles)).map((row) => [row.file, row.sha256]));
  const changed = files.filter((file) => applied.get(file.file) !== file.sha256);
  if (changed.length === 0) return [];
  await db.transaction(async (tx) => {
    for (const file of changed) await applyFile(tx, file);
    await tx
      .insert(databaseFunctionFiles)
      .values(changed.map(({ file, sha256 }) => ({ file, sha256 })))
      .onConflictDoUpdate({ target: databaseFunctionFiles.file, set: { sha256: sql`excluded.sha256`, appliedAt: sql`now()` } });
  });
  return changed.map((file) => file.file);
}

/** Runs one file as the migrator does: a function's other overloads go first (see above). */
export async function applyFile(db: DbOrTx, file: DatabaseFunctionFile): Promise<void> {
  if (file.kind === "function") {
    const overloads = await queryRows<{ signature: string }>(
      db,
      sql`select p.oid::regprocedure::text as signature from pg_proc p
           where p.proname = ${file.name} and p.pronamespace = current_schema()::regnamespace and p.prorettype <> 'trigger'::regtype`,
    );
    // The signature comes from the catalog (regprocedure output is quoted where it must be).
    for (const { signature } of overloads) await db.execute(sql.raw(`DROP FUNCTION ${signature}`));
  }
  await db.execute(sql.raw(file.text));
}
