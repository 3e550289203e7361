import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { devices, expect, test } from "@playwright/test";
import { contentBaseURL } from "../playwright.config";
import { contextAs, pagesFor, VIEWERS } from "./checked-pages";
import { CONTENT_STATES, readContentSeed } from "./content-states";

// The W3C Nu HTML Checker (vnu.jar, run offline with Java) over every page the other checkers cover,
// as each viewer sees it, on the content server (realistic comments, 10,000 comments, locked and empty
// discussions, 0/1/1,000,000 votes, 404s). The HTML is what a browser is sent: fetched with Chrome's
// user agent, since Next decides by user agent whether to stream metadata into <body>.

const VNU_JAR = String(createRequire(import.meta.url)("vnu-jar"));
const BROWSER_USER_AGENT = devices["Desktop Chrome"].userAgent;

/**
 * The one accepted exception: React renders every server-action form as `<form action="">` (the action
 * travels in a hidden `$ACTION_…` field), which the checker rejects. The app cannot change it; each one
 * is counted, and must really be such a form.
 */
const REACT_EMPTY_ACTION = "Bad value “” for attribute “action” on element “form”: Must be non-empty.";

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  message: string;
  extract?: string;
  lastLine?: number;
}

test.use({ baseURL: contentBaseURL });

test("every page, in every state and as every viewer, is valid HTML to the Nu checker", async ({ browser }) => {
  test.setTimeout(180_000);
  const seed = readContentSeed();
  const dir = mkdtempSync(join(tmpdir(), "agora-vnu-"));
  const fetched = new Map<string, { label: string; html: string }>();
  try {
    for (const viewer of VIEWERS) {
      const context = await contextAs(browser, contentBaseURL, viewer);
      for (const [index, page] of pagesFor(viewer, seed).entries()) {
        const response = await context.request.get(page.path, { headers: { "user-agent": BROWSER_USER_AGENT } });
        const label = `${viewer}: ${page.name} (${page.path})`;
        expect(response.status(), label).toBe(page.name.includes("(404)") ? 404 : 200);
        const html = await response.text();
        const file = join(dir, `${viewer.replace(" ", "-")}-${index}.html`);
        writeFileSync(file, html);
        fetched.set(file, { label, html });
      }
      await context.close();
    }

    // One Java start for every page: the checker takes a list of files.
    const { stderr } = await promisify(execFile)("java", ["-jar", VNU_JAR, "--format", "json", "--exit-zero-always", ...fetched.keys()], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const { messages } = JSON.parse(stderr) as { messages: VnuMessage[] };
    const fileOf = (message: VnuMessage) => (message.url ? decodeURIComponent(new URL(message.url).pathname) : "");

    const errors: string[] = [];
    const accepted = new Map<string, number>();
    for (const message of messages) {
      if (message.type === "info") continue; // warnings and notes: advice, not validity
      const page = fetched.get(fileOf(message));
      if (message.message === REACT_EMPTY_ACTION && page) {
        accepted.set(fileOf(message), (accepted.get(fileOf(message)) ?? 0) + 1);
        continue;
      }
      errors.push(`${page?.label ?? fileOf(message)} line ${message.lastLine}: ${message.message} ${message.extract?.trim() ?? ""}`);
    }
    expect(errors).toEqual([]);

    // Each excepted form really is a server action's (a `$ACTION_` field), and none went uncounted.
    let total = 0;
    for (const [file, { label, html }] of fetched) {
      const forms = [...html.matchAll(/<form\b[^>]*\baction=""[^>]*>([\s\S]*?)<\/form>/g)];
      expect(
        forms.every((form) => form[1]!.includes('name="$ACTION_')),
        `${label}: every <form action=""> is a server action's`,
      ).toBe(true);
      expect(accepted.get(file) ?? 0, label).toBe(forms.length);
      total += forms.length;
    }
    test.info().annotations.push({ type: "accepted", description: `${total} React server-action <form action=""> on ${fetched.size} pages` });
    console.log(`Nu checker: ${fetched.size} pages, 0 errors; accepted exception: ${total} React server-action <form action="">`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a proposal's <title> and description are in <head> on every request, not streamed into <body>", async ({ request }) => {
  const path = `/proposals/${CONTENT_STATES.proposals.million}`;
  // The streamed metadata arrived in <body> on about 3 requests in 10: twenty in a row catch that.
  for (let attempt = 0; attempt < 20; attempt++) {
    const html = await (await request.get(path, { headers: { "user-agent": BROWSER_USER_AGENT } })).text();
    const head = html.slice(0, html.indexOf("</head>"));
    expect(head, `request ${attempt + 1}`).toMatch(/<title>[^<]+<\/title>/);
    expect(head, `request ${attempt + 1}`).toContain('<meta name="description"');
  }
});
