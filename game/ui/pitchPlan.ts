// The pitch as drawing instructions in world units (grass, stripes, lines, circles, arcs, goals with nets and posts): one plan that the Phaser scene and the compare page's 2D canvas both draw.
import { FIELD, PLAYER } from "../../shared/constants.ts";
import { TEAM_COLOURS } from "./teamColours.ts";

/** A colour as 0xRRGGBB with an opacity; strokes also carry a width in world units. */
export interface Paint { colour: number; alpha: number }
export interface Stroke extends Paint { width: number }

export type PitchShape =
  | { kind: "fillRect"; x: number; y: number; w: number; h: number; radius: number; paint: Paint }
  | { kind: "line"; x1: number; y1: number; x2: number; y2: number; stroke: Stroke }
  /** A stroked arc from `start` to `end` (radians; a full circle is 0 to 2π). */
  | { kind: "arc"; x: number; y: number; r: number; start: number; end: number; stroke: Stroke }
  | { kind: "dot"; x: number; y: number; r: number; paint: Paint };

const GRASS_EDGE: Paint = { colour: 0x1d5e35, alpha: 1 };
const STRIPES: readonly Paint[] = [{ colour: 0x2f8a4d, alpha: 1 }, { colour: 0x2a7e46, alpha: 1 }];
const LINE: Stroke = { colour: 0xe8f5e9, alpha: 0.9, width: 3 };
const NET_FILL: Paint = { colour: 0xffffff, alpha: 0.12 };
const NET_CORD: Stroke = { colour: 0xffffff, alpha: 0.35, width: 1 };
const GOAL_FRAME: Stroke = { colour: 0xffffff, alpha: 1, width: 4 };
const KICKOFF_HINT: Stroke = { colour: 0xffffff, alpha: 0.08, width: 1 };
const STRIPE_COUNT = 10;
const CENTRE_CIRCLE_RADIUS = 70;
const PENALTY_ARC_BEYOND_GOAL = 60;
const POST_RADIUS = 6;

/** The whole pitch with `margin` of grass around the lines; `nets` adds the goal nets' cords (the small compare view leaves them out). */
export function pitchPlan(margin: number, nets: boolean): PitchShape[] {
  const { width, height, goalHalfWidth, goalDepth } = FIELD;
  const shapes: PitchShape[] = [
    { kind: "fillRect", x: -margin / 2, y: -margin / 2, w: width + margin, h: height + margin, radius: 18, paint: GRASS_EDGE },
  ];
  for (let i = 0; i < STRIPE_COUNT; i++) {
    shapes.push({ kind: "fillRect", x: (width / STRIPE_COUNT) * i, y: 0, w: width / STRIPE_COUNT, h: height, radius: 0, paint: STRIPES[i % 2] });
  }
  const line = (x1: number, y1: number, x2: number, y2: number, stroke: Stroke): void => { shapes.push({ kind: "line", x1, y1, x2, y2, stroke }); };
  line(0, 0, width, 0, LINE);
  line(width, 0, width, height, LINE);
  line(width, height, 0, height, LINE);
  line(0, height, 0, 0, LINE);
  line(width / 2, 0, width / 2, height, LINE);
  shapes.push({ kind: "arc", x: width / 2, y: height / 2, r: CENTRE_CIRCLE_RADIUS, start: 0, end: Math.PI * 2, stroke: LINE });
  shapes.push({ kind: "dot", x: width / 2, y: height / 2, r: 4, paint: LINE });
  const penaltyRadius = goalHalfWidth + PENALTY_ARC_BEYOND_GOAL;
  shapes.push({ kind: "arc", x: 0, y: height / 2, r: penaltyRadius, start: -Math.PI / 2, end: Math.PI / 2, stroke: LINE });
  shapes.push({ kind: "arc", x: width, y: height / 2, r: penaltyRadius, start: Math.PI / 2, end: (Math.PI * 3) / 2, stroke: LINE });
  // Goals: net behind the line, posts in the defending team's colour.
  for (const side of ["red", "blue"] as const) {
    const lineX = side === "red" ? 0 : width;
    const backX = side === "red" ? -goalDepth : width + goalDepth;
    const top = height / 2 - goalHalfWidth;
    const bottom = height / 2 + goalHalfWidth;
    shapes.push({ kind: "fillRect", x: Math.min(lineX, backX), y: top, w: goalDepth, h: goalHalfWidth * 2, radius: 0, paint: NET_FILL });
    if (nets) {
      for (let y = top; y <= bottom; y += 10) line(lineX, y, backX, y, NET_CORD);
      for (let step = 0; step <= goalDepth; step += 9) {
        const x = side === "red" ? -step : width + step;
        line(x, top, x, bottom, NET_CORD);
      }
    }
    line(lineX, top, backX, top, GOAL_FRAME);
    line(backX, top, backX, bottom, GOAL_FRAME);
    line(backX, bottom, lineX, bottom, GOAL_FRAME);
    const post: Paint = { colour: TEAM_COLOURS[side], alpha: 1 };
    shapes.push({ kind: "dot", x: lineX, y: top, r: POST_RADIUS, paint: post });
    shapes.push({ kind: "dot", x: lineX, y: bottom, r: POST_RADIUS, paint: post });
  }
  // A faint kickoff-radius hint so the field never looks empty while waiting.
  shapes.push({ kind: "arc", x: width / 2, y: height / 2, r: PLAYER.radius * 8, start: 0, end: Math.PI * 2, stroke: KICKOFF_HINT });
  return shapes;
}
