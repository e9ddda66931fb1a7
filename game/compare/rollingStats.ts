// Mean and maximum of a value sampled over the last few seconds (the staleness readouts of the compare page).
export class RollingStats {
  private readonly times: number[] = [];
  private readonly values: number[] = [];
  private readonly windowMs: number;

  constructor(windowMs: number) {
    this.windowMs = windowMs;
  }

  add(now: number, value: number): void {
    this.times.push(now);
    this.values.push(value);
    while (this.times.length > 0 && now - this.times[0] > this.windowMs) {
      this.times.shift();
      this.values.shift();
    }
  }

  get mean(): number {
    if (this.values.length === 0) return 0;
    let sum = 0;
    for (const value of this.values) sum += value;
    return sum / this.values.length;
  }

  get max(): number {
    let max = 0;
    for (const value of this.values) max = Math.max(max, value);
    return max;
  }
}
