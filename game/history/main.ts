// Entry of the match history page (/history): its own small bundle, no Phaser and no live room.
import "../jitlessZod.ts";
import { serverEndpoint } from "../net/endpoint.ts";
import { applyTeamColours } from "../ui/teamColours.ts";
import { startHistoryPage } from "./historyPage.ts";

applyTeamColours(document.documentElement);
const root = document.getElementById("history-root");
if (root) startHistoryPage(root, serverEndpoint());
