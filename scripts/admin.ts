// npm run admin -- grant <email> | revoke <email> | list
// Grants or revokes the admin role in the configured database (POSTGRES_URL, DATABASE_URL or the
// embedded one — stop the dev server first: the embedded database allows one process at a time).
import { eq } from "drizzle-orm";
import { z } from "zod";
import { connectionConfigFromEnv, openDatabase } from "../db/client";
import { users } from "../db/schema";

const usage = "usage: npm run admin -- grant <email> | revoke <email> | list";
const args = z.union([z.tuple([z.enum(["grant", "revoke"]), z.email()]), z.tuple([z.literal("list")])]).safeParse(process.argv.slice(2));
if (!args.success) {
  console.error(usage);
  process.exit(2);
}

const database = await openDatabase(connectionConfigFromEnv());
try {
  const [command, rawEmail] = args.data;
  if (command === "list") {
    const admins = await database.db.select({ email: users.email, name: users.name }).from(users).where(eq(users.role, "admin"));
    for (const admin of admins) console.log(`${admin.email ?? "(no email)"}\t${admin.name ?? ""}`);
    console.log(`${admins.length} admin(s) granted in the database (ADMIN_EMAILS / ADMIN_DEV_NAMES add more).`);
  } else {
    const email = rawEmail!.toLowerCase();
    const updated = await database.db
      .update(users)
      .set({ role: command === "grant" ? "admin" : "reader" })
      .where(eq(users.email, email))
      .returning({ id: users.id });
    if (updated.length === 0) {
      console.error(`No user with email ${email} has signed in yet. Ask them to sign in once, or list them in ADMIN_EMAILS.`);
      process.exitCode = 1;
    } else {
      console.log(`${command === "grant" ? "Granted" : "Revoked"} admin: ${email}`);
    }
  }
} finally {
  await database.close();
}
