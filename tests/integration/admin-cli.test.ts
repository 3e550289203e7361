import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { users } from "@/db/schema";

const runAdmin = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "scripts/admin.ts", ...args], {
    env: { ...process.env, PGLITE_DATA_DIR: dataDir, DATABASE_URL: "", POSTGRES_URL: "" },
    encoding: "utf8",
    timeout: 60_000,
  });

async function roleOf(dataDir: string, email: string) {
  const database = await openDatabase({ driver: "pglite", dataDir });
  try {
    const [user] = await database.db.select({ role: users.role }).from(users).where(eq(users.email, email));
    return user?.role;
  } finally {
    await database.close();
  }
}

describe("npm run admin", () => {
  it("grants and revokes the admin role by email, and says so when nobody has that email", async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "agora-admin-")), "data");
    const database = await openDatabase({ driver: "pglite", dataDir });
    await database.db.insert(users).values({ name: "Author", email: "author@example.org" });
    await database.close();

    const grant = runAdmin(dataDir, "grant", "Author@Example.org");
    expect(grant.stdout).toContain("Granted admin: author@example.org");
    expect(await roleOf(dataDir, "author@example.org")).toBe("admin");

    expect(runAdmin(dataDir, "list").stdout).toContain("author@example.org");

    runAdmin(dataDir, "revoke", "author@example.org");
    expect(await roleOf(dataDir, "author@example.org")).toBe("reader");

    const unknown = runAdmin(dataDir, "grant", "nobody@example.org");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("No user with email nobody@example.org has signed in yet");

    const bad = runAdmin(dataDir, "grant", "not-an-email");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("usage:");
  }, 180_000); // five CLI runs, each starting tsx and opening PGlite: slow on a busy 2-core machine
});
