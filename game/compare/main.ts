// Entry of the compare page (/compare/<roomId>): its own small bundle, no Phaser; reads the room id from the path.
import "../jitlessZod.ts";
import { serverEndpoint } from "../net/endpoint.ts";
import { el } from "../ui/dom.ts";
import { startComparePage } from "./comparePage.ts";

const root = document.getElementById("compare-root");
const match = /^\/compare\/([A-Za-z0-9_-]+)/.exec(location.pathname);
if (root && match) {
  startComparePage(root, match[1], serverEndpoint());
} else if (root) {
  root.replaceChildren(
    el("h1", { text: "No room to compare" }),
    el("p", {}, "Open this page as /compare/<room code>, or use the link in a match. ", el("a", { href: "/", text: "Back to Rebound" })),
  );
}
