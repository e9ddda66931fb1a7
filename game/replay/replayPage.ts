// The replay viewer (/replay/<matchId>, or /replay with a file from disk): the match re-simulated by the shared sim, with
// play/pause, speed 0.25×–4×, a timeline with goal marks to scrub, follow a player, a link that starts at this moment,
// and the replay file to download. Every recorded state hash is checked as the sim passes it.
import type { ReplayData } from "../../shared/replay/replayFile.ts";
import { ReplayRun, scanReplay, type ReplayGoalMark } from "../../shared/replay/replayRun.ts";
import { formatClock, clockText } from "../ui/clockText.ts";
import { el, setText } from "../ui/dom.ts";
import { replayProblemText } from "../ui/wording.ts";
import { ReplayCanvas } from "./replayCanvas.ts";
import { loadMatchReplay, loadReplayFile, type Loaded } from "./replaySource.ts";

const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;
/** A goal mark starts the replay this long before the ball goes in. */
const LEAD_IN_SECONDS = 3;
const SKIP_SECONDS = 5;

/** What the viewer shows, read by the browser tests (read-only). */
export interface ReplayDebugView {
  step: number;
  totalSteps: number;
  playing: boolean;
  speed: number;
  scoreRed: number;
  scoreBlue: number;
  phase: string;
  /** Where the ball is drawn (world units). */
  ball: { x: number; y: number };
  hashesChecked: number;
  hashMismatches: number;
  /** The steps at which the score changed (the timeline's marks). */
  goalSteps: number[];
  follow: string | null;
  problem: string | null;
}

declare global {
  interface Window {
    reboundReplay?: () => ReplayDebugView;
  }
}

interface Viewing {
  run: ReplayRun;
  data: ReplayData;
  goals: ReplayGoalMark[];
  players: Map<string, string>;
}

export function startReplayPage(root: HTMLElement, matchId: string | null, endpoint: string): void {
  const canvas = new ReplayCanvas();
  const title = el("h1", { text: "Rebound replay" });
  const meta = el("p", { class: "meta" });
  const problem = el("p", { class: "problem", role: "alert", hidden: true });
  const redScore = el("span", { class: "red", text: "0" });
  const blueScore = el("span", { class: "blue", text: "0" });
  const clock = el("span", { class: "clock", text: "" });
  const playButton = el("button", { class: "play", type: "button", text: "Play", "aria-label": "play" });
  const timeLabel = el("span", { class: "time", text: "0:00 / 0:00" });
  const timeline = el("input", { class: "timeline", type: "range", min: "0", max: "0", value: "0", step: "1", "aria-label": "replay position" });
  const marks = el("div", { class: "marks" });
  const speed = el("select", { class: "speed", "aria-label": "speed" }, ...SPEEDS.map((value) => el("option", { value: String(value), text: `${value}×`, selected: value === 1 })));
  const follow = el("select", { class: "follow", "aria-label": "follow a player" }, el("option", { value: "", text: "Whole pitch" }));
  const shareButton = el("button", { class: "share", type: "button", text: "Link to this moment", disabled: matchId === null });
  const shareLink = el("input", { class: "share-link", type: "text", readonly: true, "aria-label": "link to this moment", hidden: true });
  const download = el("a", { class: "download", text: "Download replay file", hidden: matchId === null, ...(matchId ? { href: `${endpoint}/api/matches/${encodeURIComponent(matchId)}/replay?download` } : {}) });
  const fileInput = el("input", { type: "file", accept: ".rbrp,application/vnd.rebound.replay", class: "file" });
  const verify = el("p", { class: "verify" });

  root.replaceChildren(
    el("header", { class: "page-head" }, title, el("nav", {}, el("a", { href: "/history", text: "Match history" }), " · ", el("a", { href: "/", text: "Play Rebound" }))),
    meta,
    problem,
    el("div", { class: "scoreline" }, redScore, clock, blueScore),
    el("div", { class: "stage" }, canvas.canvas),
    el("div", { class: "timeline-row" }, el("div", { class: "track" }, marks, timeline)),
    el("div", { class: "controls" }, playButton, timeLabel, el("label", {}, "Speed ", speed), el("label", {}, "Follow ", follow), shareButton, shareLink),
    el("div", { class: "files" }, download, el("label", { class: "open" }, "Open a replay file ", fileInput)),
    verify,
  );

  let viewing: Viewing | null = null;
  let position = 0;
  let playing = false;
  let lastFrame = 0;
  let drawnStep = -1;
  let drawnFollow: string | null = null;
  let problemText: string | null = null;

  const showProblem = (text: string | null) => {
    problemText = text;
    problem.hidden = text === null;
    setText(problem, text ?? "");
  };

  const setPlaying = (value: boolean) => {
    playing = value && viewing !== null;
    setText(playButton, playing ? "Pause" : "Play");
    playButton.setAttribute("aria-label", playing ? "pause" : "play");
    lastFrame = performance.now();
  };

  const seekTo = (step: number) => {
    if (!viewing) return;
    position = Math.max(0, Math.min(viewing.run.totalSteps, step));
  };

  const render = () => {
    if (!viewing) return;
    const { run, data } = viewing;
    run.seek(Math.floor(position));
    const followId = follow.value || null;
    if (run.step === drawnStep && followId === drawnFollow) return;
    drawnStep = run.step;
    drawnFollow = followId;
    canvas.draw(run.sim, followId);
    setText(redScore, String(run.sim.scoreRed));
    setText(blueScore, String(run.sim.scoreBlue));
    setText(clock, clockText(run.sim, run.sim.settings));
    const hz = data.header.tickHz;
    setText(timeLabel, `${formatClock(run.step / hz)} / ${formatClock(run.totalSteps / hz)}`);
    if (document.activeElement !== timeline) timeline.value = String(run.step);
    const mismatched = run.mismatches.length;
    setText(verify, mismatched === 0
      ? `Re-simulated by the match sim: ${run.checkedTicks.size} recorded state hashes checked, all match.`
      : `Warning: ${mismatched} of ${run.checkedTicks.size} recorded state hashes differ — this replay does not reproduce the match exactly.`);
    verify.classList.toggle("bad", mismatched > 0);
  };

  const frame = (now: number) => {
    if (viewing && playing) {
      const seconds = Math.min(0.25, (now - lastFrame) / 1000);
      position += seconds * Number(speed.value) * viewing.data.header.tickHz;
      if (position >= viewing.run.totalSteps) {
        position = viewing.run.totalSteps;
        setPlaying(false);
      }
    }
    lastFrame = now;
    render();
    requestAnimationFrame(frame);
  };

  const show = (loaded: Loaded, startSeconds: number, label: string | null) => {
    if (!loaded.ok) {
      showProblem(replayProblemText(loaded.problem));
      return;
    }
    showProblem(null);
    const run = new ReplayRun(loaded.data);
    const { goals, players } = scanReplay(run);
    viewing = { run, data: loaded.data, goals, players };
    const { header } = loaded.data;
    const when = new Date(header.startedAt);
    setText(title, header.roomName);
    setText(meta, `${label ?? `Room ${header.roomId}`} · ${when.toLocaleString()} · final score ${run.sim.scoreRed}–${run.sim.scoreBlue} · ${formatClock(run.totalSteps / header.tickHz)} long`);
    document.title = `Replay: ${header.roomName} — Rebound`;
    timeline.max = String(run.totalSteps);
    marks.replaceChildren(...goals.map((goal) => {
      const mark = el("button", {
        type: "button", class: `mark ${goal.team}`, title: `GOAL ${goal.scorerName || goal.team} ${goal.scoreRed}–${goal.scoreBlue}`,
        "aria-label": `goal for ${goal.team}, ${goal.scoreRed}–${goal.scoreBlue}`,
        style: `left: ${(goal.step / Math.max(1, run.totalSteps)) * 100}%`,
      });
      mark.addEventListener("click", () => {
        seekTo(goal.step - LEAD_IN_SECONDS * header.tickHz);
        setPlaying(true);
      });
      return mark;
    }));
    follow.replaceChildren(el("option", { value: "", text: "Whole pitch" }), ...[...players].map(([id, name]) => el("option", { value: id, text: name })));
    drawnStep = -1;
    seekTo(startSeconds * header.tickHz);
    setPlaying(true);
  };

  playButton.addEventListener("click", () => {
    if (viewing && !playing && position >= viewing.run.totalSteps) position = 0;
    setPlaying(!playing);
  });
  timeline.addEventListener("input", () => seekTo(Number(timeline.value)));
  follow.addEventListener("change", () => { drawnStep = -1; });
  shareButton.addEventListener("click", () => {
    if (!viewing || !matchId) return;
    const seconds = Math.floor(viewing.run.step / viewing.data.header.tickHz);
    const link = `${location.origin}/replay/${encodeURIComponent(matchId)}?t=${seconds}`;
    shareLink.hidden = false;
    shareLink.value = link;
    shareLink.select();
    void navigator.clipboard?.writeText(link).catch(() => {});
  });
  fileInput.addEventListener("change", () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    setPlaying(false);
    void loadReplayFile(file).then((loaded) => show(loaded, 0, `File ${file.name}`));
  });
  document.addEventListener("keydown", (event) => {
    if (!viewing || event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
    const hz = viewing.data.header.tickHz;
    if (event.key === " ") { event.preventDefault(); setPlaying(!playing); }
    if (event.key === "ArrowLeft") seekTo(position - SKIP_SECONDS * hz);
    if (event.key === "ArrowRight") seekTo(position + SKIP_SECONDS * hz);
  });

  window.reboundReplay = () => ({
    step: viewing?.run.step ?? 0,
    totalSteps: viewing?.run.totalSteps ?? 0,
    playing,
    speed: Number(speed.value),
    scoreRed: viewing?.run.sim.scoreRed ?? 0,
    scoreBlue: viewing?.run.sim.scoreBlue ?? 0,
    phase: viewing?.run.sim.phase ?? "",
    ball: { x: viewing?.run.sim.ball.x ?? 0, y: viewing?.run.sim.ball.y ?? 0 },
    hashesChecked: viewing?.run.checkedTicks.size ?? 0,
    hashMismatches: viewing?.run.mismatches.length ?? 0,
    goalSteps: viewing?.goals.map((goal) => goal.step) ?? [],
    follow: follow.value || null,
    problem: problemText,
  });

  requestAnimationFrame(frame);
  const startSeconds = Math.max(0, Number(new URLSearchParams(location.search).get("t")) || 0);
  if (matchId) void loadMatchReplay(endpoint, matchId).then((loaded) => show(loaded, startSeconds, null));
  else showProblem("Open a replay file (.rbrp) from your disk, or pick a match in the match history.");
}
