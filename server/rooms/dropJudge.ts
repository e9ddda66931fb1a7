// Which dropped sockets keep their seat for a reconnection: network drops and reloads yes, sockets we threw out no.
import { CloseCode, type Client } from "colyseus";

export class DropJudge {
  /** Clients whose socket failed with a ws protocol error (e.g. a frame over maxPayload → 1009). */
  private readonly broken = new Set<string>();
  /** Clients whose own reconnection (a reloaded page) closed their stale socket. */
  private readonly reclaimed = new Set<string>();

  /**
   * ws closes an oversized frame with 1009 but the room only sees 1006, like a network drop: remember ws's own
   * protocol errors (WS_ERR_*) so that seat is not held. Not write errors: a reload or a closed laptop lid can
   * reset the connection (EPIPE/ECONNRESET) under load, and that player's seat must be held like any other drop.
   */
  watch(client: Client): void {
    client.ref.once("error", (error: Error & { code?: unknown }) => {
      if (typeof error.code === "string" && error.code.startsWith("WS_ERR_")) this.broken.add(client.sessionId);
    });
  }

  /**
   * A reload can ask to reconnect before the room has read the old page's socket close (a busy server reads it
   * late). The framework then closes the stale socket itself with WITH_ERROR (4002), the code it also uses for
   * errors: note whose it is, so that drop still holds the seat for the new page.
   */
  reconnecting(staleClient: Client | undefined): void {
    if (staleClient) this.reclaimed.add(staleClient.sessionId);
  }

  /** Whether this drop keeps the seat: not for clients we threw out (bad input, kicked) or whose socket broke. */
  holdsSeat(client: Client, code: number | undefined): boolean {
    const reclaimed = this.reclaimed.delete(client.sessionId);
    if (code === CloseCode.WITH_ERROR && !reclaimed) return false;
    if (code !== undefined && code >= 4100) return false;
    return !this.broken.has(client.sessionId);
  }

  forget(sessionId: string): void {
    this.broken.delete(sessionId);
    this.reclaimed.delete(sessionId);
  }
}
