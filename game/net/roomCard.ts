// Fetches what a share link's join card shows (GET /api/rooms/<id>/card) before the page joins the room.
import type { JoinCardInfo } from "../../shared/protocol.ts";
import { serverEndpoint } from "./endpoint.ts";

/** The card, or an Error whose message can be shown as is (the room is gone, the server is down). */
export async function fetchJoinCard(roomId: string): Promise<JoinCardInfo> {
  const response = await fetch(`${serverEndpoint()}/api/rooms/${encodeURIComponent(roomId)}/card`);
  if (response.status === 404) throw new Error("That room does not exist any more.");
  if (!response.ok) throw new Error(`The server could not describe that room (${response.status}).`);
  return (await response.json()) as JoinCardInfo;
}
