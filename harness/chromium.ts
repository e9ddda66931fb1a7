// Launches Debian's Chromium through playwright-core with the flags this closed-network machine needs.
import { chromium, type Browser, type Page } from "playwright-core";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SCREENSHOT_DIR = fileURLToPath(new URL("../test-output/screenshots/", import.meta.url));

export function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
      // Several game pages run at once in one test: none of them may be throttled as "background".
      "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
    ],
  });
}

/** Collects console errors and uncaught page errors, so a test can assert the page ran clean. */
export function watchErrors(page: Page, label: string): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`[${label}] console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`[${label}] pageerror: ${error.message}`));
  return errors;
}
