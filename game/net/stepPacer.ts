// Turns frame times into the fixed input steps due, and the moment each step stands for, at any frame rate.

/** Most fixed steps one frame may send: a frame of up to 500 ms (2 fps) sends all its steps, so a slow
 * device moves as far as a fast one. Why not the SDK's `Predict.tick` count: it caps at 5 steps (an
 * 83 ms frame), so below 12 fps a held key really moved slower. Past 500 ms it is a hitch (a hidden
 * tab, a pause): the backlog is dropped. The server's input buffer (32) holds a whole capped frame. */
export const MAX_STEPS_PER_FRAME = 30;

export class StepPacer {
  private accumulatorMs = 0;
  private lastFrameAt = -1;
  /** Steps dropped with hitches (frames over MAX_STEPS_PER_FRAME steps long), for the debug view. */
  droppedSteps = 0;

  /** The times (performance.now() ms) of the fixed steps that fell due since the last frame, oldest first. */
  due(now: number, stepMs: number): number[] {
    this.accumulatorMs += this.lastFrameAt < 0 ? 0 : Math.max(0, now - this.lastFrameAt);
    this.lastFrameAt = now;
    let steps = Math.floor(this.accumulatorMs / stepMs);
    if (steps > MAX_STEPS_PER_FRAME) {
      this.droppedSteps += steps - MAX_STEPS_PER_FRAME;
      steps = MAX_STEPS_PER_FRAME;
      this.accumulatorMs = 0;
    } else {
      this.accumulatorMs -= steps * stepMs;
    }
    // The remainder carries over to the next frame, so the last due step fell `accumulatorMs` ago.
    const times: number[] = [];
    for (let i = 0; i < steps; i++) times.push(now - this.accumulatorMs - (steps - 1 - i) * stepMs);
    return times;
  }
}
