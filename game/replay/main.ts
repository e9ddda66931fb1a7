// Entry of the replay viewer page (/replay/<matchId>, /replay): its own small bundle, no Phaser and no live room.
import "../jitlessZod.ts";
import { serverEndpoint } from "../net/endpoint.ts";
import { applyTeamColours } from "../ui/teamColours.ts";
import { startReplayPage } from "./replayPage.ts";

applyTeamColours(document.documentElement);
const root = document.getElementById("replay-root");
const matchId = /^\/replay\/([A-Za-z0-9_-]{8,32})\/?$/.exec(location.pathname)?.[1] ?? null;
if (root) startReplayPage(root, matchId, serverEndpoint());
