// Browser end-to-end: the first load as the browser downloads it (bytes on the wire from Chromium's network events, compressed), the caching headers, and the DOM menu on screen before Phaser has loaded.
import { request } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { measureFirstLoad } from "../../harness/firstLoad.ts";
import { watchErrors } from "../../harness/chromium.ts";
import { BrowserSession } from "./support/session.ts";

/** DESIGN: first load under 500 KB on the wire. */
const FIRST_LOAD_BUDGET_BYTES = 500_000;

let session: BrowserSession;

/** GET with chosen request headers; resolves with the status, headers and body length as received (still encoded). */
function get(path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(`${session.server.url}${path}`, { headers }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => { bytes += chunk.length; });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("first load", () => {
  beforeAll(async () => { session = await BrowserSession.start(); });
  afterEach(async () => { await session.closePages(); });
  afterAll(async () => { await session?.stop(); });

  it("downloads at most 500 KB on the wire, compressed, until the engine has booted", async () => {
    const { context } = await session.open();
    const { page, load } = await measureFirstLoad(context, session.server.url);
    const errors = watchErrors(page, "first load");
    const table = load.responses.filter((r) => r.bytes > 0).map((r) => `${String(r.bytes).padStart(8)}  ${r.encoding.padEnd(4)} ${r.path}`).join("\n");
    console.log(`first load: ${load.bytesOnWire} bytes on the wire; menu at ${Math.round(load.menuMs)} ms\n${table}`);
    const engine = load.responses.find((r) => /\/assets\/phaser-.*\.js$/.test(r.path));
    expect(engine, "the Phaser chunk was downloaded").toBeDefined();
    expect(engine!.encoding).toBe("br");
    // Every script and stylesheet came compressed.
    for (const response of load.responses.filter((r) => /\.(js|css)$/.test(r.path))) expect(response.encoding, response.path).toMatch(/^(br|gzip)$/);
    expect(load.bytesOnWire).toBeGreaterThan(100_000);
    expect(load.bytesOnWire).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
    expect(errors).toEqual([]);
  });

  it("serves brotli or gzip as asked, with Vary, immutable hashed assets and no-cache HTML", async () => {
    const page = await session.newPage();
    await page.goto(session.server.url);
    await page.waitForSelector("#menu");
    // The menu shows before the engine loads: wait until the page has fetched the engine's chunk.
    const engineUrl = await (await page.waitForFunction(
      () => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).find((p) => /phaser-.*\.js$/.test(p)),
      undefined, { timeout: 90_000 },
    )).jsonValue();
    expect(engineUrl).toBeDefined();
    const brotli = await get(engineUrl!, { "accept-encoding": "gzip, deflate, br" });
    const gzip = await get(engineUrl!, { "accept-encoding": "gzip" });
    const raw = await get(engineUrl!, {});
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(raw.headers["content-encoding"]).toBeUndefined();
    for (const response of [brotli, gzip, raw]) {
      expect(response.status).toBe(200);
      expect(response.headers["content-type"]).toMatch(/javascript/);
      expect(response.headers.vary).toMatch(/Accept-Encoding/i);
      expect(response.headers["cache-control"]).toMatch(/immutable/);
    }
    expect(brotli.bytes).toBeLessThan(gzip.bytes);
    expect(gzip.bytes).toBeLessThan(raw.bytes / 3);
    for (const path of ["/", "/r/someRoom"]) {
      const html = await get(path, { "accept-encoding": "br" });
      expect(html.status).toBe(200);
      expect(html.headers["content-type"]).toMatch(/html/);
      expect(html.headers["cache-control"]).toBe("no-cache");
    }
    // Refuses to hand out the compressed copies by name, and anything outside the client folder.
    expect((await get(`${engineUrl}.br`, {})).status).toBe(404);
    expect((await get("/../package.json", {})).status).toBe(404);
  });

  it("shows the menu before Phaser has loaded", async () => {
    const { page } = await session.open();
    let releaseEngine: () => void = () => undefined;
    const engineHeld = new Promise<void>((resolve) => { releaseEngine = resolve; });
    let engineRequested = false;
    // Hold the engine's download until the test has seen the menu.
    await page.route(/\/assets\/phaser-[^/]*\.js$/, async (route) => {
      engineRequested = true;
      await engineHeld;
      await route.continue();
    });
    await page.goto(session.server.url);
    await page.waitForSelector("#menu", { state: "visible", timeout: 60_000 });
    await page.fill("#name", "Early");
    expect(await page.inputValue("#name")).toBe("Early");
    expect(await page.locator("#game-root canvas").count()).toBe(0);
    expect(await page.evaluate(() => performance.getEntriesByName("rebound:engine-ready").length)).toBe(0);
    releaseEngine();
    await page.waitForFunction(() => performance.getEntriesByName("rebound:engine-ready").length > 0, undefined, { timeout: 90_000 });
    expect(engineRequested).toBe(true);
    expect(await page.locator("#game-root canvas").count()).toBe(1);
  });
});
