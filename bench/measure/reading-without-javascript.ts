import { chromium, type Browser } from "@playwright/test";
import { getLibrary } from "@/lib/content/essays";

export interface NoScriptReading {
  ok: boolean;
  detail: string;
}

/**
 * Opens the essay in Debian's Chromium with JavaScript on and with it off: every section must be
 * visible with it off and read exactly the same, so reading never depends on client JavaScript.
 */
export async function readEssayWithoutJavaScript(baseUrl: string): Promise<NoScriptReading> {
  const sections = getLibrary().home.sections.map((section) => section.id);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const withScript = await sectionTexts(browser, baseUrl, sections, true);
    const withoutScript = await sectionTexts(browser, baseUrl, sections, false);
    const unreadable = sections.filter((id) => !withoutScript.get(id) || withoutScript.get(id) !== withScript.get(id));
    return unreadable.length === 0
      ? { ok: true, detail: `all ${sections.length} sections read the same with JavaScript off` }
      : { ok: false, detail: `differ or hidden with JavaScript off: ${unreadable.join(", ")}` };
  } finally {
    await browser.close();
  }
}

/** Each section's visible text (whitespace collapsed); empty when the section is missing or hidden. */
async function sectionTexts(browser: Browser, baseUrl: string, ids: string[], javaScriptEnabled: boolean): Promise<Map<string, string>> {
  const context = await browser.newContext({ javaScriptEnabled });
  try {
    const page = await context.newPage();
    await page.goto(new URL("/", baseUrl).toString(), { waitUntil: "load" });
    const texts = new Map<string, string>();
    for (const id of ids) {
      const section = page.locator(`section#${id}`);
      const visible = (await section.count()) === 1 && (await section.isVisible());
      texts.set(id, visible ? (await section.innerText()).replace(/\s+/g, " ").trim() : "");
    }
    return texts;
  } finally {
    await context.close();
  }
}
