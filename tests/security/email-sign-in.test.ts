// Fails on 20aeeb1: `sp ace@example.org` was mailed to ace@example.org and `q@exa mple.org` to q@exa;
// any number of links went to one address; a link worked for 24 hours; and a server that trusts the
// request's host (AUTH_TRUST_HOST=1) started without AUTH_URL and mailed links to whatever host
// X-Forwarded-Host named.
import { chromium, type Browser } from "@playwright/test";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/raw-sql";
import { verificationTokens } from "@/db/schema";
import { freePort, productionEnv, runAppServerExpectingExit } from "@/support/app-server";
import { HttpClient } from "@/support/http-client";
import { requirePostgresForHttpSuite, startAppCluster, type AppCluster } from "../support/app-cluster";
import { hiddenFormFields } from "../support/html-form";
import { startSmtpSink, type Mail, type SmtpSink } from "../support/smtp-sink";

const EMAIL_FROM = "Agora <agora@example.org>";

/** POST /api/auth/signin/email as next-auth's client does it (csrf cookie and token, json=true). */
async function requestLink(client: HttpClient, email: string, headers: Record<string, string> = {}) {
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return client.request("POST", "/api/auth/signin/email", {
    body: new URLSearchParams({ email, csrfToken, callbackUrl: "/results", json: "true" }),
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  });
}

/** The sign-in link in a mail. */
function linkIn(mail: Mail): URL {
  const match = /https?:\/\/\S+\/api\/auth\/callback\/email\?\S+/.exec(mail.text);
  if (!match) throw new Error(`No sign-in link in:\n${mail.text}`);
  return new URL(match[0]);
}

let unique = 0;
const freshAddress = (name: string) => `${name}.${Date.now().toString(36)}${++unique}@example.org`;

describe.runIf(await requirePostgresForHttpSuite())("email sign-in", () => {
  let smtp: SmtpSink;
  let cluster: AppCluster;
  let url: string;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    // Behind a proxy that sets the host headers (AUTH_TRUST_HOST=1), with AUTH_URL set as now required;
    // "" = the default per-address limit.
    cluster = await startAppCluster(1, { EMAIL_SERVER: smtp.url, EMAIL_FROM, AUTH_TRUST_HOST: "1", RATE_LIMIT_EMAIL_LINKS_PER_HOUR: "" });
    url = cluster.servers[0]!.url;
  }, 120_000);
  afterAll(async () => {
    await cluster?.dispose();
    await smtp?.stop();
  });

  it("mails a valid address one link, to exactly that address, pointing at AUTH_URL, that signs the reader in", async () => {
    const address = freshAddress("ada");
    const client = new HttpClient(url);
    const response = await requestLink(client, `  ${address.replace("ada", "Ada")} `);
    expect(response.status).toBe(200);
    expect((await response.json()).url).toContain("/verify-request");
    const mail = await smtp.nextMail();
    expect(mail.recipients).toEqual([address]);
    const link = linkIn(mail);
    expect(link.origin).toBe(url);

    const followed = await client.get(`${link.pathname}${link.search}`);
    expect(followed.status).toBe(302);
    // Through the landing that offers reply emails, then on to the page the reader signed in from.
    expect(followed.headers.get("location")).toBe(`${url}/welcome?next=%2Fresults`);
    expect((await (await client.get("/api/auth/session")).json()).user).toMatchObject({ name: address.split("@")[0] });
  });

  it("lands the reader on an offer to email replies while theirs are off; taking it turns them on and goes on", async () => {
    const address = freshAddress("offered");
    const client = new HttpClient(url);
    expect((await requestLink(client, address)).status).toBe(200);
    const link = linkIn(await smtp.nextMail());
    const landing = new URL((await client.get(`${link.pathname}${link.search}`)).headers.get("location")!);
    expect(`${landing.pathname}${landing.search}`).toBe("/welcome?next=%2Fresults");

    const page = await client.get(`${landing.pathname}${landing.search}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Hear about replies by email?");
    expect(html).toMatch(/<a href="\/results">Not now<\/a>/);
    // The offer, posted as a browser without JavaScript posts it.
    const form = new FormData();
    for (const [name, value] of hiddenFormFields(html, "next")) form.append(name, value);
    expect(form.get("next")).toBe("/results");
    const taken = await client.request("POST", `${landing.pathname}${landing.search}`, { body: form });
    expect(taken.status).toBe(303);
    expect(taken.headers.get("location")).toBe("/results");
    const settings = await queryRows<{ mode: string }>(
      cluster.database.db,
      sql`select s.email_mode as mode from notification_settings s join users u on u.id = s.user_id where u.email = ${address}`,
    );
    expect(settings).toEqual([{ mode: "immediate" }]);
    const settingsPage = await (await client.get("/settings")).text();
    expect(settingsPage.match(/<input[^>]*name="emailMode"[^>]*>/g)?.filter((input) => /\bchecked\b/.test(input))).toEqual([
      expect.stringContaining('value="immediate"'),
    ]);

    // Emails on: the next sign-in link goes straight on, no offer.
    expect((await requestLink(client, address)).status).toBe(200);
    const again = linkIn(await smtp.nextMail());
    const second = new URL((await client.get(`${again.pathname}${again.search}`)).headers.get("location")!);
    const onward = await client.get(`${second.pathname}${second.search}`);
    expect(onward.status).toBe(307);
    expect(onward.headers.get("location")).toBe("/results");
  });

  it("offers nothing to a reader who is not signed in: the landing goes on", async () => {
    const response = await new HttpClient(url).get("/welcome?next=%2Fresults");
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("/results");
    const away = await new HttpClient(url).get("/welcome?next=https%3A%2F%2Fevil.example%2F");
    expect(away.headers.get("location")).toBe("/");
  });

  it.each([
    ["a space in the local part", "sp ace@example.org"],
    ["a space in the domain", "q@exa mple.org"],
    ["quotes", '"sp ace"@example.org'],
    ["a second @", "a@b@example.org"],
    ["a display name", "Ada <ada@example.org>"],
    ["two addresses", "ada@example.org, eve@example.org"],
    ["a CR/LF and a header after it", "ada@example.org\r\nBcc: eve@example.org"],
    ["a trailing newline", "ada@example.org\n"],
    ["no domain dot", "ada@localhost"],
    ["nothing", ""],
  ])("refuses an address with %s: 400 invalid_input naming email, nothing mailed", async (_, email) => {
    const before = smtp.mails.length;
    const response = await requestLink(new HttpClient(url), email);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.issues).toEqual([{ path: "email", message: expect.stringMatching(/email address/) }]);
    // next-auth answers only after the SMTP server accepted the mail, so none is in flight.
    expect(smtp.mails.length).toBe(before);
  });

  it("refuses a bad address sent as JSON too", async () => {
    const client = new HttpClient(url);
    const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const before = smtp.mails.length;
    const response = await client.request("POST", "/api/auth/signin/email", { json: { email: "sp ace@example.org", csrfToken, json: "true" } });
    expect(response.status).toBe(400);
    expect((await response.json()).error.issues[0].path).toBe("email");
    expect(smtp.mails.length).toBe(before);
  });

  it("never lets X-Forwarded-Host choose the site the mailed link points at", async () => {
    const address = freshAddress("poisoned");
    const response = await requestLink(new HttpClient(url), address, { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });
    expect(response.status).toBe(200);
    const mail = await smtp.nextMail();
    expect(mail.recipients).toEqual([address]);
    expect(linkIn(mail).origin).toBe(url);
    expect(mail.text).not.toContain("evil.example");
    expect(mail.subject).toBe(`Sign in to ${new URL(url).host}`);
  });

  it("mails one address at most 5 links an hour, from any client, however the address is spelled; others are not affected", async () => {
    const address = freshAddress("flooded");
    const spellings = [address, address.toUpperCase(), ` ${address}`, address, address];
    for (const spelling of spellings) {
      expect((await requestLink(new HttpClient(url), spelling)).status).toBe(200);
      expect((await smtp.nextMail()).recipients).toEqual([address]);
    }
    const before = smtp.mails.length;
    const refused = await requestLink(new HttpClient(url), address);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = await refused.json();
    expect(body.error).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/at most 5 an hour/) });
    expect(smtp.mails.length).toBe(before);

    const other = freshAddress("other");
    expect((await requestLink(new HttpClient(url), other)).status).toBe(200);
    expect((await smtp.nextMail()).recipients).toEqual([other]);
  });

  it("refuses a link older than 15 minutes", async () => {
    const address = freshAddress("late");
    const client = new HttpClient(url);
    expect((await requestLink(client, address)).status).toBe(200);
    const link = linkIn(await smtp.nextMail());

    // Age the link by 15 minutes, as if it had been mailed that long ago.
    const { db } = cluster.database;
    await db
      .update(verificationTokens)
      .set({ expires: sql`${verificationTokens.expires} - interval '15 minutes'` })
      .where(eq(verificationTokens.identifier, address));

    const followed = await client.get(`${link.pathname}${link.search}`);
    expect(followed.status).toBe(302);
    // next-auth's own error route, which sends the reader on to /signin/error with the same code.
    expect(followed.headers.get("location")).toBe(`${url}/api/auth/error?error=Verification`);
    expect(await (await client.get("/api/auth/session")).json()).toEqual({});
  });

  describe("on the sign-in page", () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
        args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      });
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
    });

    it("shows why an address is refused next to the field, and mails nothing; a good one leads to 'Check your email'", async () => {
      const page = await browser.newPage({ baseURL: url });
      await page.goto("/signin");
      const before = smtp.mails.length;
      await page.getByLabel("Email address").fill("sp ace@example.org");
      await page.getByRole("button", { name: "Send link" }).click();
      await expect.poll(() => page.locator("#email-error").textContent()).toMatch(/Enter one email address/);
      expect(await page.getByLabel("Email address").getAttribute("aria-invalid")).toBe("true");
      expect(smtp.mails.length).toBe(before);

      const address = freshAddress("page");
      await page.getByLabel("Email address").fill(address);
      await page.getByRole("button", { name: "Send link" }).click();
      await page.waitForURL(/\/signin\/check-email/);
      expect(await page.getByRole("main").textContent()).toContain("expires in 15 minutes");
      expect((await smtp.nextMail()).recipients).toEqual([address]);
      await page.close();
    });
  });
});

describe("a server that mails sign-in links", () => {
  it("refuses to start without AUTH_URL, naming it, even when told to trust the request's host", async () => {
    const port = await freePort();
    const env = productionEnv(port, { PGLITE_DATA_DIR: "memory://" }, { EMAIL_SERVER: "smtp://127.0.0.1:25", EMAIL_FROM, AUTH_TRUST_HOST: "1" });
    delete env.AUTH_URL;
    const { code, output } = await runAppServerExpectingExit(env, port);
    expect(code).toBe(1);
    expect(output).toMatch(/AUTH_URL \(or NEXTAUTH_URL\) is not set: with EMAIL_SERVER it is required/);
  });
});
