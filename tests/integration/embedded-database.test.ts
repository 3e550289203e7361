import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { users } from "@/db/schema";

const freshDir = () => path.join(mkdtempSync(path.join(tmpdir(), "agora-pglite-")), "data");

describe("the embedded database (PGlite on disk)", () => {
  it("keeps its data across a close and reopen, as across dev server restarts", async () => {
    const dataDir = freshDir();
    const first = await openDatabase({ driver: "pglite", dataDir });
    await first.db.insert(users).values({ name: "Persisted", email: "persisted@example.test" });
    await first.close();

    const second = await openDatabase({ driver: "pglite", dataDir });
    try {
      const rows = await second.db.select().from(users).where(eq(users.email, "persisted@example.test"));
      expect(rows.map((row) => row.name)).toEqual(["Persisted"]);
    } finally {
      await second.close();
    }
  });

  it("refuses a second process on the same directory with a clear message instead of corrupting it", async () => {
    const dataDir = freshDir();
    const owner = await openDatabase({ driver: "pglite", dataDir });
    try {
      const second = spawnSync(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], {
        env: { ...process.env, PGLITE_DATA_DIR: dataDir, DATABASE_URL: "", POSTGRES_URL: "" },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(`The embedded database in ${dataDir} is in use by another process (pid ${process.pid})`);
      // The owner still works.
      expect(await owner.db.$count(users)).toBe(0);
    } finally {
      await owner.close();
    }
  });

  it("takes over a lock left by a process that died", async () => {
    const dataDir = freshDir();
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => dead.on("exit", resolve));
    writeFileSync(`${dataDir}.lock`, String(dead.pid));

    const database = await openDatabase({ driver: "pglite", dataDir });
    try {
      expect(readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(process.pid));
    } finally {
      await database.close();
    }
  });
});
