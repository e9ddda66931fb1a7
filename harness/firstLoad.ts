// Measures a page's first load the way the browser saw it: bytes on the wire from Chromium's own network events (CDP), and when the menu and the engine appeared.
import type { BrowserContext, Page } from "playwright-core";
import { poll } from "./poll.ts";

export interface FirstLoad {
  /** Sum of Network.loadingFinished encodedDataLength: compressed bodies plus headers, as received. */
  bytesOnWire: number;
  /** Per URL path: bytes on the wire and the Content-Encoding the server answered with. */
  responses: { path: string; bytes: number; encoding: string }[];
  /** Milliseconds from navigation start until the DOM menu was on screen, and until the match scene drew a frame (if it did). */
  menuMs: number;
}

/** Loads `url` in a fresh page of `context` and counts every response until the engine has booted and the network is quiet. */
export async function measureFirstLoad(context: BrowserContext, url: string): Promise<{ page: Page; load: FirstLoad }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  // No cache: a first visit.
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const requests = new Map<string, { path: string; encoding: string; done: boolean; bytes: number }>();
  cdp.on("Network.requestWillBeSent", (event) => {
    requests.set(event.requestId, { path: new URL(event.request.url).pathname, encoding: "", done: false, bytes: 0 });
  });
  cdp.on("Network.responseReceived", (event) => {
    const entry = requests.get(event.requestId);
    if (!entry) return;
    const headers = Object.fromEntries(Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    entry.encoding = headers["content-encoding"] ?? "";
  });
  cdp.on("Network.loadingFinished", (event) => {
    const entry = requests.get(event.requestId);
    if (entry) { entry.done = true; entry.bytes = event.encodedDataLength; }
  });
  cdp.on("Network.loadingFailed", (event) => {
    const entry = requests.get(event.requestId);
    if (entry) entry.done = true;
  });
  await page.goto(url);
  await page.waitForSelector("#menu", { state: "visible", timeout: 60_000 });
  // The engine is up when its menu scene has drawn (the canvas exists and the scene said so).
  await page.waitForFunction(() => performance.getEntriesByName("rebound:engine-ready").length > 0, undefined, { timeout: 90_000 });
  await poll(async () => [...requests.values()].filter((r) => !r.done).length, (open) => open === 0, "every request to finish", 30_000);
  const menuMs = await page.evaluate(() => performance.getEntriesByName("rebound:menu")[0]?.startTime ?? -1);
  const responses = [...requests.values()].map(({ path, bytes, encoding }) => ({ path, bytes, encoding }));
  await cdp.detach();
  return { page, load: { bytesOnWire: responses.reduce((sum, r) => sum + r.bytes, 0), responses, menuMs } };
}
