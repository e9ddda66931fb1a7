// Fetches what a share link's join card shows (GET /api/rooms/<id>/card) before the page joins the room.
import type { JoinCardInfo } from "../../shared/protocol.ts";
import { JoinRefused } from "./joinRefused.ts";
import { serverEndpoint } from "./endpoint.ts";

/** The card, or a JoinRefused with the status (404: the room is gone) for the page to word. */
export async function fetchJoinCard(roomId: string): Promise<JoinCardInfo> {
  const response = await fetch(`${serverEndpoint()}/api/rooms/${encodeURIComponent(roomId)}/card`);
  if (!response.ok) throw new JoinRefused(response.status, `the server could not describe that room`);
  return (await response.json()) as JoinCardInfo;
}
