// Entry of the compare page (/compare/<roomId>): its own small bundle, no Phaser; reads the room id from the path.
import "../jitlessZod.ts";
import { serverEndpoint } from "../net/endpoint.ts";
import { el } from "../ui/dom.ts";
import { startComparePage } from "./comparePage.ts";
import { applyTeamColours } from "../ui/teamColours.ts";
import { roomIdFromPath } from "../../shared/roomId.ts";

applyTeamColours(document.documentElement);
const root = document.getElementById("compare-root");
const roomId = roomIdFromPath(location.pathname, "compare");
if (root && roomId) {
  startComparePage(root, roomId, serverEndpoint());
} else if (root) {
  root.replaceChildren(
    el("h1", { text: "No room to compare" }),
    el("p", {}, "Open this page as /compare/<room code>, or use the link in a match. ", el("a", { href: "/", text: "Back to Rebound" })),
  );
}
