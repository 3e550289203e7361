import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { openDatabase } from "@/db/client";
import { keepOpen, type DatabaseSlot } from "@/db/keep-open";
import { PgliteRemote } from "@/db/pglite-remote";
import { users } from "@/db/schema";
import { toAppError } from "@/lib/errors";

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

  it("opens the database again after its worker thread died: the requests in flight fail with 503, later ones work", async () => {
    const dataDir = freshDir();
    // Calls through to the real start; it only keeps each remote, so the test can kill its thread.
    const started: PgliteRemote[] = [];
    const start = PgliteRemote.start.bind(PgliteRemote);
    const spy = vi.spyOn(PgliteRemote, "start").mockImplementation(async (dir) => {
      const remote = await start(dir);
      started.push(remote);
      return remote;
    });
    const slot: DatabaseSlot = {};
    const open = () => openDatabase({ driver: "pglite", dataDir });
    try {
      const first = await keepOpen(slot, open);
      await first.db.insert(users).values({ name: "Before the crash", email: "crash@example.test" });
      await started[0]!.worker.terminate();
      const meanwhile = await first.db
        .select()
        .from(users)
        .catch((error: unknown) => error);
      expect(toAppError(meanwhile).code).toBe("unavailable");

      // Two requests notice at once: one reopen, on the same directory (its lock was released).
      const [a, b] = await Promise.all([keepOpen(slot, open), keepOpen(slot, open)]);
      expect(a).toBe(b);
      expect(a).not.toBe(first);
      expect(started).toHaveLength(2);
      expect((await a.db.select({ name: users.name }).from(users)).map((row) => row.name)).toContain("Before the crash");
      expect(await keepOpen(slot, open)).toBe(a);
      await a.close();
    } finally {
      spy.mockRestore();
    }
  });

  it("forgets an open that failed, so the next request tries again", async () => {
    const slot: DatabaseSlot = {};
    let attempts = 0;
    const open = () => (++attempts === 1 ? Promise.reject(new Error("the disk is not there yet")) : openDatabase({ driver: "pglite", dataDir: null }));
    await expect(keepOpen(slot, open)).rejects.toThrow("the disk is not there yet");
    const database = await keepOpen(slot, open);
    try {
      expect(await database.db.$count(users)).toBe(0);
      expect(attempts).toBe(2);
    } finally {
      await database.close();
    }
  });
});
