// The compare page's plain-words explanation: the Upgrade handshake, the connection that stays open, and what polling costs.
import { el } from "../ui/dom.ts";

/** Text with `code` spans: every piece goes in as text, never as HTML. */
function para(...pieces: (string | { code: string })[]): HTMLParagraphElement {
  return el("p", {}, ...pieces.map((piece) => (typeof piece === "string" ? piece : el("code", { text: piece.code }))));
}

export function explainer(livePath: string): HTMLElement {
  return el("article", { class: "explain", id: "explain" },
    el("h2", { text: "What you are looking at" }),
    para("Both halves show the same live match from the same server. Only the way the data reaches this page differs."),
    el("h2", { text: "Left: one WebSocket that stays open" }),
    el("ol", {},
      el("li", {}, "The page sends one ordinary HTTP request with the headers ", el("code", { text: "Connection: Upgrade" }),
        " and ", el("code", { text: "Upgrade: websocket" }), "."),
      el("li", {}, "The server answers ", el("code", { text: "101 Switching Protocols" }),
        ". From that moment the same TCP connection is no longer HTTP: it stays open."),
      el("li", {}, "Either side may now send a message whenever it likes, in both directions, each with a frame header of a few bytes. The server pushes a small binary patch of what changed, about 30 times a second; the page never has to ask."),
    ),
    para("So the picture on the left is never older than about one snapshot interval (33 ms) plus the time the bytes take to travel."),
    el("h2", { text: "Right: HTTP polling" }),
    para("The page asks ", { code: `GET ${livePath}` }, ", waits for the answer, and asks again after the interval. Every answer is a complete JSON copy with its HTTP headers, whether anything changed or not, and between two answers the page knows nothing new: on average its data is half an interval old plus the round trip, and a goal can stay unseen for a whole interval."),
    para("Polling faster makes the data fresher but multiplies the requests and bytes, and every poller costs the server a request even when nothing happened. The server can never speak first: HTTP is request, then response."),
    el("h2", { text: "How staleness is measured" }),
    para("Every state patch on the WebSocket carries the server time it was made, and the SDK's room clock uses those stamps to estimate the server's time now. Every polling answer carries ",
      { code: "serverTime" }, " on the same clock. Staleness = server time now − server time of the data on screen."),
  );
}
