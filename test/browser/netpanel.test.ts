// Browser end-to-end: the network panel (live numbers, bad-network switch, wss:// under TLS) and the WebSocket-vs-polling compare page.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { CompareDebugView } from "../../game/compare/comparePage.ts";
import { freePort } from "../../harness/ports.ts";
import { SCREENSHOT_DIR, watchErrors } from "../../harness/chromium.ts";
import { BrowserSession, hostRoom, matchView, poll } from "./support/session.ts";


let session: BrowserSession;
const newPage = (options: { ignoreHTTPSErrors?: boolean } = {}): Promise<Page> => session.newPage(options);

const compareView = (page: Page) => page.evaluate(() => window.reboundCompare?.() ?? null);

/** The raw numbers the panel keeps in data-value, by cell id. */
async function panelNumbers(page: Page): Promise<Record<string, number>> {
  return page.$$eval("#net-panel [data-value]", (cells) =>
    Object.fromEntries(cells.map((cell) => [cell.id, Number((cell as HTMLElement).dataset.value ?? "0")])));
}

/** How many columns of the network graph hold a pixel of each line's colour (GRAPH_COLOURS in game/ui/netGraph.ts). */
async function graphColumns(page: Page): Promise<{ ping: number; frame: number }> {
  return page.$eval("#net-graph", (node) => {
    const canvas = node as HTMLCanvasElement;
    const pixels = canvas.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data;
    const columns = { ping: new Set<number>(), frame: new Set<number>() };
    if (!pixels) return { ping: 0, frame: 0 };
    for (let i = 0; i < pixels.length; i += 4) {
      const [r, g, b, a] = [pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]];
      if (a < 128) continue;
      const column = (i / 4) % canvas.width;
      if (g > 180 && r < 140 && b < 170) columns.ping.add(column); // #4ade80
      if (r > 200 && g > 160 && b < 90) columns.frame.add(column); // #facc15
    }
    return { ping: columns.ping.size, frame: columns.frame.size };
  });
}

async function setSlider(page: Page, selector: string, value: number): Promise<void> {
  await page.$eval(selector, (input, next) => {
    (input as HTMLInputElement).value = String(next);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, value);
}

describe("network panel and compare page", () => {
  beforeAll(async () => { session = await BrowserSession.start(); });

  // Pages left open keep rendering and starve the next test on a 2-core machine.
  afterEach(async () => {
    await session.closePages();
  });

  afterAll(async () => {
    await session?.stop();
  });

  it("shows live ping and rates; the bad-network switch makes the ping grow and says it is on", async () => {
    const page = await newPage();
    const errors = watchErrors(page, "player");
    await hostRoom(page, session.server.url, "Nadia");
    expect(await page.isVisible("#net-panel")).toBe(false);
    await page.keyboard.press("KeyN");
    await page.waitForSelector("#net-panel", { state: "visible", timeout: 30_000 });
    await page.keyboard.down("ArrowDown");
    const live = await poll(() => panelNumbers(page),
      (n) => n["net-ping"] > 0 && n["net-jitter"] > 0 && n["net-snapshots"] >= 20 && n["net-down"] > 0 && n["net-up"] > 0 &&
        n["net-tick"] >= 50 && n["net-fps"] > 0 && n["net-connected"] >= 1,
      "non-zero ping and rates in the panel");
    await page.keyboard.up("ArrowDown");
    // The server's tick rate, measured on the server's own clock from the patches' stamps.
    expect(live["net-tick"]).toBeLessThan(66);
    // The interpolation delay is measured from drawn positions: alone with a ball at rest there is nothing to measure yet
    // (test/browser/netcode.test.ts checks the figure while things move).
    expect(await page.textContent("#net-interp")).toContain("nothing moving");
    // The graph has drawn both lines: pixels in the ping colour and the frame-time colour across many columns.
    const graph = await graphColumns(page);
    expect(graph.ping).toBeGreaterThan(10);
    expect(graph.frame).toBeGreaterThan(10);
    expect(await page.textContent("#net-protocol")).toBe("ws://");
    expect(await page.getAttribute("#compare-link", "href")).toMatch(/^\/compare\//);
    await page.screenshot({ path: `${SCREENSHOT_DIR}netpanel.png` });
    // The first protocol ping can leave while the page is still busy loading; take the calm figure once
    // the panel shows a loopback round trip (the lowest of the recent pings), before the switch is on.
    const calmPing = (await poll(() => panelNumbers(page), (n) => n["net-ping"] > 0 && n["net-ping"] < 100, "a calm loopback ping", 30_000))["net-ping"];

    // Try a bad network: 150 ms each way, so the input round trip grows by about 300 ms.
    await page.check("#net-sim-enabled");
    await setSlider(page, "#net-sim-delay", 150);
    await setSlider(page, "#net-sim-jitter", 20);
    await setSlider(page, "#net-sim-loss", 5);
    expect(await page.isVisible("#net-sim-badge")).toBe(true);
    expect(await page.textContent("#net-sim-badge")).toContain("+150 ms");
    const slow = await poll(() => panelNumbers(page), (n) => n["net-ping"] > calmPing + 200, "the ping to include the simulated delay", 30_000);
    // The player still moves under the simulated delay (test/browser/netcode.test.ts checks it is drawn at once).
    const before = await matchView(page);
    await page.keyboard.down("ArrowUp");
    await poll(() => matchView(page), (v) => {
      const me = v?.players.find((p) => p.sessionId === v.sessionId);
      const was = before?.players.find((p) => p.sessionId === before.sessionId);
      return !!me && !!was && me.y < was.y - 40;
    }, "the player to move under the bad network");
    await page.keyboard.up("ArrowUp");
    await page.screenshot({ path: `${SCREENSHOT_DIR}netpanel-badnetwork.png` });
    console.log(`ping: calm ${Math.round(calmPing)} ms, with the simulated bad network ${Math.round(slow["net-ping"])} ms`);

    // Switching it off brings the ping back down.
    await page.uncheck("#net-sim-enabled");
    expect(await page.isVisible("#net-sim-badge")).toBe(false);
    await poll(() => panelNumbers(page), (n) => n["net-ping"] < calmPing + 100, "the ping to recover", 30_000);
    expect(errors).toEqual([]);
  });

  it("compare page: the WebSocket side follows the match while the polling side lags", async () => {
    const player = await newPage();
    const playerErrors = watchErrors(player, "player");
    const hostView = await hostRoom(player, session.server.url, "Pia");
    const href = await player.getAttribute("#compare-link", "href");
    expect(href).toBe(`/compare/${hostView.roomId}`);

    const compare = await newPage();
    const compareErrors = watchErrors(compare, "compare");
    await compare.goto(`${session.server.url}${href}?poll=1000`);
    await compare.waitForSelector("#ws-side", { timeout: 60_000 });
    await poll(() => compareView(compare), (v) => !!v?.ws && !!v.http && v.ws.updates > 5, "both feeds on the compare page");
    // No Phaser on this page: only the small compare bundle and the shared SDK chunk.
    const scripts = await compare.$$eval("script[src], link[rel=modulepreload]", (nodes) => nodes.map((n) => n.getAttribute("src") ?? n.getAttribute("href") ?? ""));
    expect(scripts.some((src) => src.includes("phaser"))).toBe(false);

    // The player runs the ball to the right while the page watches both feeds for 4 s.
    await player.bringToFront();
    await player.keyboard.down("ArrowRight");
    const samples: CompareDebugView[] = [];
    const until = Date.now() + 4000;
    while (Date.now() < until) {
      const v = await compareView(compare);
      if (v) samples.push(v);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await compare.bringToFront();
    await compare.waitForTimeout(300);
    await compare.screenshot({ path: `${SCREENSHOT_DIR}compare.png`, fullPage: true });
    await player.keyboard.up("ArrowRight");

    const last = samples[samples.length - 1];
    if (!last?.ws || !last.http) throw new Error("feeds missing");
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    // Only moments when both feeds had data: a missing side must not count as "0 ms stale".
    const both = samples.flatMap((s) => (s.ws && s.http ? [{ ws: s.ws, http: s.http }] : []));
    expect(both.length).toBeGreaterThan(samples.length / 2);
    const wsStale = mean(both.map((s) => s.ws.stalenessMs));
    const httpStale = mean(both.map((s) => s.http.stalenessMs));
    const tickLag = mean(both.map((s) => s.ws.tick - s.http.tick));
    console.log(`compare page over 4 s: WebSocket stale ${wsStale.toFixed(0)} ms, polling (1 s) stale ${httpStale.toFixed(0)} ms, ` +
      `polling ${tickLag.toFixed(1)} ticks behind; updates ${last.ws.updates} vs ${last.http.updates}, requests ${last.http.requests}; ` +
      `ball positions seen ${new Set(samples.map((s) => s.ws?.ball.x)).size} vs ${new Set(samples.map((s) => s.http?.ball.x)).size}`);
    // Relative, not absolute: load delays both feeds alike, while a 1 s poll adds about half its period.
    expect(httpStale).toBeGreaterThan(wsStale + 150);
    expect(tickLag).toBeGreaterThan(5);
    expect(last.ws.updates).toBeGreaterThan(last.http.updates * 5);
    // The WebSocket side follows the ball the player pushes (a warm-up goal may put it back on the
    // centre spot); the polling side saw only a few of those positions.
    const positions = (side: "ws" | "http") => new Set(samples.map((s) => `${s[side]?.ball.x},${s[side]?.ball.y}`)).size;
    expect(positions("ws")).toBeGreaterThan(5);
    expect(positions("ws")).toBeGreaterThan(positions("http"));
    // Both feeds agree on the score.
    expect({ r: last.http.scoreRed, b: last.http.scoreBlue }).toEqual({ r: last.ws.scoreRed, b: last.ws.scoreBlue });

    // Faster polling: 250 ms makes the polling side fresher and costs more requests.
    const requestsBefore = last.http.requests;
    await compare.check("#poll-250");
    await compare.waitForTimeout(2000);
    const fast = await compareView(compare);
    expect((fast?.http?.requests ?? 0) - requestsBefore).toBeGreaterThanOrEqual(6);
    expect(fast?.pollPeriodMs).toBe(250);

    // Manual: nothing more until "Refresh now".
    await compare.check("#poll-0");
    await compare.waitForTimeout(400);
    const manual = (await compareView(compare))?.http?.requests ?? 0;
    await compare.waitForTimeout(1200);
    expect((await compareView(compare))?.http?.requests).toBe(manual);
    await compare.click("#poll-refresh");
    await poll(() => compareView(compare), (v) => (v?.http?.requests ?? 0) === manual + 1, "one manual refresh");
    await compare.screenshot({ path: `${SCREENSHOT_DIR}compare-manual.png`, fullPage: true });
    expect([...playerErrors, ...compareErrors]).toEqual([]);
  });

  it("under TLS the page is served over HTTPS and the panel says wss://", async () => {
    const certDir = mkdtempSync(join(tmpdir(), "rebound-browser-tls-"));
    const key = join(certDir, "key.pem");
    const cert = join(certDir, "cert.pem");
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1",
      "-addext", "subjectAltName=DNS:localhost", "-keyout", key, "-out", cert], { stdio: "ignore" });
    const tlsServer = await startTlsServer(cert, key);
    try {
      const page = await newPage({ ignoreHTTPSErrors: true });
      const errors = watchErrors(page, "tls");
      const view = await hostRoom(page, `https://localhost:${tlsServer.port}`, "Tara");
      expect(view.players).toHaveLength(1);
      await page.keyboard.press("KeyN");
      await page.waitForSelector("#net-panel", { state: "visible", timeout: 30_000 });
      await poll(() => page.textContent("#net-protocol"), (text) => text === "wss://", "the panel to say wss://");
      await poll(() => panelNumbers(page), (n) => n["net-ping"] > 0, "a ping over wss://");
      await page.screenshot({ path: `${SCREENSHOT_DIR}netpanel-wss.png` });
      expect(errors).toEqual([]);
    } finally {
      await tlsServer.stop();
      rmSync(certDir, { recursive: true, force: true });
    }
  });
});

/** The production server (`node server/index.ts`) with TLS_CERT/TLS_KEY on a port from the OS; ready once this
 * child itself logs its https:// address (support/productionServer.ts probes /healthz over plain http, which a
 * TLS server refuses; a leftover server on the port would make this child exit early instead). */
async function startTlsServer(cert: string, key: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const TLS_PORT = await freePort();
  const child = spawn(process.execPath, ["server/index.ts"], {
    cwd: new URL("../../", import.meta.url),
    env: { ...process.env, PORT: String(TLS_PORT), TLS_CERT: cert, TLS_KEY: key },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => { log += chunk.toString(); });
  child.stderr?.on("data", (chunk: Buffer) => { log += chunk.toString(); });
  const deadline = Date.now() + 20_000;
  while (!log.includes(`https://localhost:${TLS_PORT}`)) {
    if (child.exitCode !== null) throw new Error(`TLS server exited early:\n${log}`);
    if (Date.now() > deadline) throw new Error(`TLS server did not start:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return {
    port: TLS_PORT,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) { resolve(); return; }
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    }),
  };
}
