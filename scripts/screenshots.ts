// npm run screenshots — captures the pages shown in the README from a running Agora
// (SCREENSHOT_BASE_URL, default http://127.0.0.1:3000), desktop and phone, into docs/screenshots/.
import { mkdirSync } from "node:fs";
import { chromium } from "@playwright/test";

const baseURL = process.env.SCREENSHOT_BASE_URL ?? "http://127.0.0.1:3000";
const shots = [{ name: "essay", path: "/" }];
const viewports = [
  { suffix: "desktop", viewport: { width: 1280, height: 900 }, isMobile: false },
  { suffix: "phone", viewport: { width: 390, height: 844 }, isMobile: true },
];

mkdirSync("docs/screenshots", { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
});
try {
  for (const { suffix, viewport, isMobile } of viewports) {
    const context = await browser.newContext({ viewport, isMobile, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const shot of shots) {
      await page.goto(new URL(shot.path, baseURL).toString());
      const file = `docs/screenshots/${shot.name}-${suffix}.png`;
      await page.screenshot({ path: file });
      console.log(file);
    }
    await context.close();
  }
} finally {
  await browser.close();
}
