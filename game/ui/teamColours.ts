// The team colours, once: the canvas (as numbers), the compare page's 2D canvas and the CSS (--red, --blue) all read them here.
import type { Team } from "../../shared/match/teams.ts";

export const TEAM_COLOUR_CSS: Readonly<Record<Team, string>> = { red: "#e5484d", blue: "#3e8cf0", spectator: "#8899aa" };

/** Phaser takes colours as 0xRRGGBB numbers. */
export const TEAM_COLOURS: Readonly<Record<Team, number>> = {
  red: Number.parseInt(TEAM_COLOUR_CSS.red.slice(1), 16),
  blue: Number.parseInt(TEAM_COLOUR_CSS.blue.slice(1), 16),
  spectator: Number.parseInt(TEAM_COLOUR_CSS.spectator.slice(1), 16),
};

/** Sets --red and --blue on the page, which the style sheets use for team text, buttons and marks. */
export function applyTeamColours(root: HTMLElement): void {
  root.style.setProperty("--red", TEAM_COLOUR_CSS.red);
  root.style.setProperty("--blue", TEAM_COLOUR_CSS.blue);
}
