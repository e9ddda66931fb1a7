// Canvas layout shared by the scenes: the world size around the field and the team colours.
import { FIELD } from "../../shared/constants.ts";

/** Margin around the field inside the canvas, in world pixels (room for the goals and labels). */
export const FIELD_MARGIN = 80;
export const CANVAS_WIDTH = FIELD.width + FIELD_MARGIN * 2;
export const CANVAS_HEIGHT = FIELD.height + FIELD_MARGIN * 2;

export const TEAM_COLOURS: Record<string, number> = {
  red: 0xe5484d,
  blue: 0x3e8cf0,
  spectator: 0x8899aa,
};
