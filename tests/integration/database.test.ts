import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/raw-sql";
import { essays, proposals, sections, users } from "@/db/schema";
import { syncContent } from "@/db/sync-content";
import { loadLibrary, type Library } from "@/lib/content/essays";
import { checkHealth } from "@/lib/health";
import { availableDrivers, openTestDatabase, type TestDatabase } from "../support/drivers";

const drivers = await availableDrivers();

const SECTION_IDS = [
  "introduction",
  "different-this-time",
  "winners-take-most",
  "haves-and-have-nots",
  "geopolitics",
  "what-should-we-do",
  "open-source",
  "government-action",
  "treaties",
  "finally",
];

describe.each(drivers)("database on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(driver);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("is migrated and holds the essay's sections and proposals, by their public ids", async () => {
    const rows = await database.db.select().from(sections).orderBy(asc(sections.position));
    expect(rows.map((row) => row.id)).toEqual(SECTION_IDS);
    const proposalRows = await database.db.select().from(proposals).orderBy(asc(proposals.position));
    expect(proposalRows.map((row) => [row.id, row.sectionId])).toEqual([
      ["open-source", "open-source"],
      ["government-funding", "government-action"],
      ["treaties", "treaties"],
    ]);
    const [essay] = await database.db.select().from(essays);
    expect(essay).toMatchObject({ slug: "ai-and-the-coming-inequality", isHome: true, publishedOn: "2024-12-16" });
  });

  it("health names the driver in use", async () => {
    await expect(checkHealth(async () => database)).resolves.toEqual({ ok: true, db: driver });
  });

  it("syncs content idempotently and never deletes what an edit leaves out", async () => {
    const library = loadLibrary();
    await syncContent(database.db, library);
    await syncContent(database.db, library);
    expect(await database.db.$count(sections)).toBe(10);

    // An edit renames a section and drops a proposal: the rows stay (retired), ids never change.
    const edited: Library = structuredClone(library);
    const home = edited.essays[0]!;
    edited.home = home;
    home.sections[1]!.title = "It is different this time";
    home.proposals = home.proposals.filter((proposal) => proposal.id !== "treaties");
    await syncContent(database.db, edited);
    const [renamed] = await database.db.select().from(sections).where(eq(sections.id, "different-this-time"));
    expect(renamed?.title).toBe("It is different this time");
    const [retired] = await database.db.select().from(proposals).where(eq(proposals.id, "treaties"));
    expect(retired?.retiredAt).toBeInstanceOf(Date);

    // Restoring the text revives the same row.
    await syncContent(database.db, library);
    const [revived] = await database.db.select().from(proposals).where(eq(proposals.id, "treaties"));
    expect(revived?.retiredAt).toBeNull();
    expect(await database.db.$count(proposals)).toBe(3);
  });

  it("keeps a row written in an open transaction invisible outside it, and a rollback leaves nothing", async () => {
    const email = `tx-${driver}@example.test`;
    const countOutside = () => database.db.$count(users, eq(users.email, email));

    let seenOutsideDuringTransaction: Promise<number> | undefined;
    await expect(
      database.db.transaction(async (tx) => {
        await tx.insert(users).values({ name: "Inside", email });
        expect(await tx.$count(users, eq(users.email, email))).toBe(1);
        // PGlite has one connection, so an outside read waits for the transaction to end; servers
        // answer at once. Either way it must never see the uncommitted row.
        seenOutsideDuringTransaction = countOutside();
        if (driver !== "pglite") expect(await seenOutsideDuringTransaction).toBe(0);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await seenOutsideDuringTransaction).toBe(0);
    expect(await countOutside()).toBe(0);
  });

  it("rolls back every statement of a transaction that fails part-way (a constraint violation)", async () => {
    const email = `partial-${driver}@example.test`;
    await expect(
      database.db.transaction(async (tx) => {
        await tx.insert(users).values({ name: "First", email });
        await tx.insert(users).values({ name: "Duplicate", email }); // unique email → fails
      }),
    ).rejects.toThrow();
    expect(await database.db.$count(users, eq(users.email, email))).toBe(0);
  });

  it("commits a transaction as a whole", async () => {
    const email = `commit-${driver}@example.test`;
    await database.db.transaction(async (tx) => {
      await tx.insert(users).values({ name: "Committed", email });
    });
    expect(await database.db.$count(users, eq(users.email, email))).toBe(1);
  });

  it("enforces invariants in the database: a check constraint rejects an unknown role", async () => {
    await expect(database.db.execute(sql`insert into users (id, name, role) values ('x-role', 'X', 'owner')`)).rejects.toThrow();
  });
});

describe.each(drivers)("append-only history on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(driver);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("refuses to update or delete vote history and the moderation log", async () => {
    await database.db.execute(sql`insert into users (id, name) values ('u-append', 'Appender')`);
    await database.db.execute(sql`insert into vote_events (user_id, proposal_id, old_stance, new_stance) values ('u-append', 'treaties', null, 1)`);
    await database.db.execute(sql`insert into moderation_log (actor_id, action, target_type, target_id) values ('u-append', 'lock', 'section', 'treaties')`);
    await expect(database.db.execute(sql`update vote_events set new_stance = 2`)).rejects.toThrow();
    await expect(database.db.execute(sql`delete from vote_events`)).rejects.toThrow();
    await expect(database.db.execute(sql`update moderation_log set reason = 'x'`)).rejects.toThrow();
    await expect(database.db.execute(sql`delete from moderation_log`)).rejects.toThrow();
    const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from vote_events`);
    expect(row?.n).toBe(1);
  });

  it("keeps a reply in its parent's section (composite foreign key)", async () => {
    await database.db.execute(sql`insert into users (id, name) values ('u-thread', 'Threader')`);
    const [root] = await queryRows<{ id: number | string }>(
      database.db,
      sql`insert into comments (section_id, author_id, body) values ('geopolitics', 'u-thread', 'root') returning id`,
    );
    const rootId = root!.id;
    await expect(
      database.db.execute(sql`insert into comments (section_id, parent_id, depth, author_id, body) values ('treaties', ${rootId}, 1, 'u-thread', 'elsewhere')`),
    ).rejects.toThrow();
    await database.db.execute(
      sql`insert into comments (section_id, parent_id, depth, author_id, body) values ('geopolitics', ${rootId}, 1, 'u-thread', 'reply')`,
    );
  });

  it("creates a tally row for every proposal", async () => {
    const rows = await queryRows<{ proposal_id: string }>(database.db, sql`select proposal_id from proposal_tallies order by proposal_id`);
    expect(rows.map((row) => row.proposal_id)).toEqual(["government-funding", "open-source", "treaties"]);
  });
});
