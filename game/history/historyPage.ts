// The match history page (/history, ?room=<id>, ?player=<name>): recent matches with teams, score, scorers, duration and
// a link to each replay; older ones a page at a time.
import { HistoryPage, HISTORY_PAGE_MAX, type MatchSummaryWire } from "../../shared/history.ts";
import { formatClock } from "../ui/clockText.ts";
import { el } from "../ui/dom.ts";
import { historyStatusText } from "../ui/wording.ts";

const PAGE = 20;

interface Filter {
  room: string;
  player: string;
}

function filterFromUrl(): Filter {
  const params = new URLSearchParams(location.search);
  return { room: params.get("room") ?? "", player: params.get("player") ?? "" };
}

function queryOf(filter: Filter, before: number | null): string {
  const params = new URLSearchParams({ limit: String(Math.min(PAGE, HISTORY_PAGE_MAX)) });
  if (filter.room) params.set("room", filter.room);
  if (filter.player) params.set("player", filter.player);
  if (before !== null) params.set("before", String(before));
  return params.toString();
}

function names(list: readonly string[]): string {
  return list.length > 0 ? list.join(", ") : "—";
}

function matchCard(match: MatchSummaryWire): HTMLElement {
  const when = new Date(match.startedAt);
  const status = historyStatusText(match.status);
  return el("li", { class: "match", "data-match-id": match.id },
    el("div", { class: "when" }, el("time", { datetime: when.toISOString(), text: when.toLocaleString() }), " · ", el("span", { class: "room", text: match.roomName }),
      el("a", { class: "room-link", href: `/history?room=${encodeURIComponent(match.roomId)}`, text: `room ${match.roomId}` })),
    el("div", { class: "result" },
      el("span", { class: "team red", text: names(match.red) }),
      el("span", { class: "score", text: `${match.scoreRed} – ${match.scoreBlue}` }),
      el("span", { class: "team blue", text: names(match.blue) })),
    el("div", { class: "details" },
      match.scorers.length > 0
        ? el("span", { class: "scorers", text: `Goals: ${match.scorers.map((goal) => `${goal.name || goal.team} ${formatClock(goal.second)}`).join(", ")}` })
        : el("span", { class: "scorers", text: "No goals" }),
      el("span", { class: "duration", text: `${formatClock(match.durationSeconds)} played` }),
      status ? el("span", { class: `status ${match.status}`, text: status }) : null,
      el("a", { class: "watch", href: `/replay/${encodeURIComponent(match.id)}`, text: match.status === "recording" ? "Watch so far" : "Watch replay" })));
}

export function startHistoryPage(root: HTMLElement, endpoint: string): void {
  const filter = filterFromUrl();
  const room = el("input", { name: "room", placeholder: "room code", value: filter.room, "aria-label": "room code", maxlength: "64" });
  const player = el("input", { name: "player", placeholder: "player name", value: filter.player, "aria-label": "player name", maxlength: "64" });
  const form = el("form", { class: "filters" }, room, player, el("button", { type: "submit", text: "Show" }), el("a", { href: "/history", text: "All matches" }));
  const list = el("ol", { class: "matches" });
  const problem = el("p", { class: "problem", role: "alert", hidden: true });
  const more = el("button", { class: "more", type: "button", text: "Older matches", hidden: true });
  const empty = el("p", { class: "empty", hidden: true, text: "No matches yet. Play one: every match is kept here with its replay." });
  root.replaceChildren(
    el("header", { class: "page-head" }, el("h1", { text: "Match history" }), el("nav", {}, el("a", { href: "/", text: "Play Rebound" }))),
    form, problem, empty, list, more,
  );
  let oldest: number | null = null;

  const load = async (before: number | null) => {
    more.disabled = true;
    try {
      const response = await fetch(`${endpoint}/api/matches?${queryOf(filter, before)}`);
      if (!response.ok) throw new Error(String(response.status));
      const { matches } = HistoryPage.parse(await response.json());
      list.append(...matches.map(matchCard));
      oldest = matches.at(-1)?.startedAt ?? oldest;
      more.hidden = matches.length < PAGE;
      empty.hidden = list.children.length > 0;
      problem.hidden = true;
    } catch {
      problem.hidden = false;
      problem.textContent = "The match history could not be loaded: reload to try again.";
    } finally {
      more.disabled = false;
    }
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    if (room.value.trim()) params.set("room", room.value.trim());
    if (player.value.trim()) params.set("player", player.value.trim());
    location.search = params.toString();
  });
  more.addEventListener("click", () => void load(oldest));
  void load(null);
}
