// Shared browser-test plumbing: one production server + one Chromium per file, fresh contexts per page, polling helpers,
// and a Content-Security-Policy watch on every page: any violation fails the file when its pages close.
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { ReboundDebugView } from "../../../game/app.ts";
import { launchChromium, SCREENSHOT_DIR } from "../../../harness/chromium.ts";
import { poll } from "../../../harness/poll.ts";
import { startProductionServer, type RunningServer } from "./productionServer.ts";

export { poll };

export class BrowserSession {
  private readonly contexts: BrowserContext[] = [];
  /** CSP violations seen on any page so far (the DOM event and Chromium's console report both count). */
  private cspViolations: string[] = [];
  readonly server: RunningServer;
  readonly browser: Browser;

  private constructor(server: RunningServer, browser: Browser) {
    this.server = server;
    this.browser = browser;
  }

  static async start(env: Record<string, string> = {}): Promise<BrowserSession> {
    const server = await startProductionServer(env);
    return new BrowserSession(server, await launchChromium());
  }

  /** A page in its own context (own localStorage, own network switch), 1280×720 unless told otherwise. */
  async open(options: { ignoreHTTPSErrors?: boolean } = {}): Promise<{ page: Page; context: BrowserContext }> {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 720 }, ...options });
    this.contexts.push(context);
    await this.watchContentSecurityPolicy(context);
    return { page: await context.newPage(), context };
  }

  private async watchContentSecurityPolicy(context: BrowserContext): Promise<void> {
    await context.exposeBinding("__reboundCspViolation", (_source, text: string) => { this.cspViolations.push(text); });
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        const report = (window as unknown as { __reboundCspViolation(text: string): void }).__reboundCspViolation;
        report(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
      });
    });
    context.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy/i.test(message.text())) this.cspViolations.push(message.text());
    });
  }

  /** The violations recorded so far, forgotten (a test that provokes one on purpose takes it). */
  takeCspViolations(): string[] {
    return this.cspViolations.splice(0);
  }

  private failOnCspViolations(): void {
    const seen = this.takeCspViolations();
    if (seen.length > 0) throw new Error(`Content-Security-Policy violations on the page:\n${[...new Set(seen)].join("\n")}`);
  }

  async newPage(options: { ignoreHTTPSErrors?: boolean } = {}): Promise<Page> {
    return (await this.open(options)).page;
  }

  /** Closes every page opened so far: pages left open keep rendering and starve the next test. */
  async closePages(): Promise<void> {
    for (const context of this.contexts.splice(0)) await context.close();
    this.failOnCspViolations();
  }

  async stop(): Promise<void> {
    for (const context of this.contexts.splice(0)) await context.close();
    await this.browser.close();
    await this.server.stop();
    this.failOnCspViolations();
  }
}

export function matchView(page: Page): Promise<ReboundDebugView | null> {
  return page.evaluate(() => window.reboundDebug?.() ?? null);
}

/** Waits until the page's match view satisfies `accept`. */
export async function waitForMatch(page: Page, accept: (view: ReboundDebugView) => boolean, what: string, timeoutMs = 30_000): Promise<ReboundDebugView> {
  // Phaser loads after the DOM menu, so a page can be in a room before its pitch draws and reads keys:
  // wait for the match scene's first frame (engine boot has its own bound) before the caller's clock starts.
  try {
    await page.waitForFunction(() => performance.getEntriesByName("rebound:first-match-frame").length > 0, undefined, { timeout: 120_000 });
  } catch (error) {
    // Say what the page shows instead of a pitch (the menu's error line, a join card, a status) and keep a picture.
    const shows = await page.evaluate(() => ({
      url: location.href,
      status: document.querySelector("#status")?.textContent ?? null,
      menuError: document.querySelector("#menu-error")?.textContent ?? null,
      joinCard: document.querySelector("#join-card") !== null,
      menu: document.querySelector("#menu") !== null,
    })).catch(() => null);
    await page.screenshot({ path: `${SCREENSHOT_DIR}no-match-frame-${Date.now()}.png` }).catch(() => undefined);
    throw new Error(`no match frame for ${what}; the page shows ${JSON.stringify(shows)}`, { cause: error });
  }
  const view = await poll(() => matchView(page), (v) => v !== null && accept(v), what, timeoutMs);
  if (!view) throw new Error(`no match view for ${what}`);
  return view;
}

/** Opens the start page, types a name and hosts a room with that name; resolves once the host is in it. */
export async function hostRoom(page: Page, url: string, name: string, configure?: (page: Page) => Promise<void>): Promise<ReboundDebugView> {
  await page.goto(url);
  await page.waitForSelector("#menu", { timeout: 60_000 });
  await page.fill("#name", name);
  await page.click("#host-room");
  await page.fill("input[name=roomName]", `${name}'s room`);
  if (configure) await configure(page);
  await page.click("#create-room");
  return waitForMatch(page, (v) => v.players.length === 1, "the host in the room");
}

/** Opens a share link and joins from its join card as `name` (Play, or Spectate). */
export async function joinByLink(page: Page, link: string, name: string, options: { spectate?: boolean; password?: string } = {}): Promise<ReboundDebugView> {
  await page.goto(link);
  await page.waitForSelector("#join-card", { timeout: 60_000 });
  await page.fill("#join-card-name", name);
  if (options.password !== undefined) await page.fill("#join-card-password", options.password);
  await page.click(options.spectate ? "#join-card-spectate" : "#join-card-play");
  return waitForMatch(page, (v) => v.players.some((p) => p.sessionId === v.sessionId && p.name === name), `${name} in the room`);
}
