import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";

// Next bundles pages and route handlers apart: each bundle evaluates db/raw-sql.ts afresh while the
// database handle is one per process. A runner registered through one copy must serve every copy,
// and statement names must not repeat across copies (one connection, two texts, one name).

describe("the prepared-statement registry is one per process", () => {
  it("serves a runner registered by one copy of the module to another, with names unique across copies", async () => {
    const first = await import("@/db/raw-sql");
    const db = {};
    const calls: { text: string; name: string }[] = [];
    first.registerStatementRunner(db, async (text, _values, name) => {
      calls.push({ text, name });
      return { rows: [{ json: JSON.stringify({ ok: calls.length }) }] };
    });
    expect(await first.queryJson(db as never, sql`select ${1}::text as json`)).toEqual({ ok: 1 });

    vi.resetModules();
    const second = await import("@/db/raw-sql");
    expect(second).not.toBe(first);
    expect(await second.queryJson(db as never, sql`select ${2}::int::text as json`)).toEqual({ ok: 2 });
    expect(await second.queryJson(db as never, sql`select ${3}::text as json`)).toEqual({ ok: 3 });

    const [a, b, c] = calls;
    expect(a!.name).toMatch(/^agora_\d+$/);
    expect(b!.name).toMatch(/^agora_\d+$/);
    expect(b!.name).not.toBe(a!.name);
    // The same text gets the same name from either copy: prepared once per connection.
    expect(c!.name).toBe(a!.name);
  });
});
