// Match sounds synthesized with WebAudio (no audio files): kick, bump, post, wall, goal, whistles; the mute choice is remembered.
export type SoundName = "kick" | "bump" | "post" | "wall" | "goal" | "whistle" | "finalWhistle";

const MUTE_KEY = "rebound.muted";

function rememberedMute(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === "1";
  } catch {
    return false;
  }
}

class Sounds {
  private context: AudioContext | null = null;
  private output: GainNode | null = null;
  private noise: AudioBuffer | null = null;
  private mutedNow = rememberedMute();
  private readonly listeners = new Set<(muted: boolean) => void>();
  /** How many times each sound has started (for the tests and the curious). */
  readonly played: Record<string, number> = {};

  get muted(): boolean {
    return this.mutedNow;
  }

  setMuted(muted: boolean): void {
    this.mutedNow = muted;
    try {
      localStorage.setItem(MUTE_KEY, muted ? "1" : "0");
    } catch {
      // Private mode without storage: the choice lasts for this page.
    }
    for (const listener of this.listeners) listener(muted);
  }

  onMuteChange(listener: (muted: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Browsers start audio only after a user gesture: call from one (any click or key in the page). */
  unlock(): void {
    if (this.mutedNow) return;
    void this.audio()?.resume().catch(() => undefined);
  }

  play(name: SoundName, strength = 1): void {
    if (this.mutedNow) return;
    const ctx = this.audio();
    if (!ctx || ctx.state !== "running" || !this.output) return;
    this.played[name] = (this.played[name] ?? 0) + 1;
    // A mark per sound started: visible to the page's performance timeline (and so to tests).
    performance.mark(`rebound:sound:${name}`);
    const level = Math.max(0.15, Math.min(1, strength));
    const t = ctx.currentTime;
    switch (name) {
      case "kick": this.thump(t, 150, 55, 0.13, 0.8 * level); this.hiss(t, 0.025, 2500, 0.35 * level); break;
      case "bump": this.thump(t, 210, 110, 0.07, 0.3 * level); break;
      case "wall": this.thump(t, 95, 60, 0.09, 0.45 * level); this.hiss(t, 0.05, 900, 0.25 * level); break;
      case "post": this.ring(t, [660, 1822, 2960], 0.6, 0.3 * level); this.thump(t, 120, 70, 0.06, 0.4 * level); break;
      case "goal": this.cheer(t, 2.2, 0.45); this.arpeggio(t, [523, 659, 784, 1047], 0.11, 0.18); break;
      case "whistle": this.whistle(t, 0.35); break;
      case "finalWhistle": this.whistle(t, 0.2); this.whistle(t + 0.3, 0.2); this.whistle(t + 0.6, 0.7); break;
    }
  }

  private audio(): AudioContext | null {
    if (this.context) return this.context;
    const Ctor = window.AudioContext;
    if (!Ctor) return null;
    const ctx = new Ctor();
    this.output = ctx.createGain();
    this.output.gain.value = 0.5;
    this.output.connect(ctx.destination);
    // One second of white noise, reused by every noisy sound.
    const noise = ctx.createBuffer(1, ctx.sampleRate, ctx.sampleRate);
    const samples = noise.getChannelData(0);
    for (let i = 0; i < samples.length; i++) samples[i] = Math.random() * 2 - 1;
    this.noise = noise;
    this.context = ctx;
    return ctx;
  }

  private envelope(t: number, attack: number, length: number, peak: number): GainNode {
    const ctx = this.context!;
    const gain = ctx.createGain();
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(peak, t + attack);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + length);
    gain.connect(this.output!);
    return gain;
  }

  /** A pitch-dropping sine: the body of a kick or a bounce. */
  private thump(t: number, from: number, to: number, length: number, peak: number): void {
    const osc = this.context!.createOscillator();
    osc.frequency.setValueAtTime(from, t);
    osc.frequency.exponentialRampToValueAtTime(to, t + length);
    osc.connect(this.envelope(t, 0.004, length, peak));
    osc.start(t);
    osc.stop(t + length + 0.02);
  }

  /** Filtered noise: the slap of leather or of a board. */
  private hiss(t: number, length: number, frequency: number, peak: number): void {
    const ctx = this.context!;
    const source = ctx.createBufferSource();
    source.buffer = this.noise;
    const filter = ctx.createBiquadFilter();
    filter.type = "bandpass";
    filter.frequency.value = frequency;
    source.connect(filter).connect(this.envelope(t, 0.002, length, peak));
    source.start(t, Math.random() * 0.5);
    source.stop(t + length + 0.02);
  }

  /** Inharmonic partials that ring on: a metal post. */
  private ring(t: number, partials: number[], length: number, peak: number): void {
    for (const [i, frequency] of partials.entries()) {
      const osc = this.context!.createOscillator();
      osc.type = "triangle";
      osc.frequency.value = frequency;
      osc.connect(this.envelope(t, 0.003, length / (i + 1), peak / (i + 1)));
      osc.start(t);
      osc.stop(t + length);
    }
  }

  /** A crowd's roar: band-passed noise swelling and fading. */
  private cheer(t: number, length: number, peak: number): void {
    const ctx = this.context!;
    const source = ctx.createBufferSource();
    source.buffer = this.noise;
    source.loop = true;
    const filter = ctx.createBiquadFilter();
    filter.type = "bandpass";
    filter.frequency.setValueAtTime(700, t);
    filter.frequency.linearRampToValueAtTime(1300, t + length * 0.4);
    filter.Q.value = 0.8;
    source.connect(filter).connect(this.envelope(t, length * 0.25, length, peak));
    source.start(t);
    source.stop(t + length);
  }

  private arpeggio(t: number, notes: number[], step: number, peak: number): void {
    for (const [i, frequency] of notes.entries()) {
      const osc = this.context!.createOscillator();
      osc.type = "square";
      osc.frequency.value = frequency;
      const start = t + i * step;
      const length = i === notes.length - 1 ? 0.5 : step * 1.2;
      osc.connect(this.envelope(start, 0.01, length, peak));
      osc.start(start);
      osc.stop(start + length + 0.02);
    }
  }

  /** A referee's pea whistle: a high tone with a fast flutter. */
  private whistle(t: number, length: number): void {
    const ctx = this.context!;
    const osc = ctx.createOscillator();
    osc.frequency.value = 2350;
    const flutter = ctx.createOscillator();
    flutter.frequency.value = 28;
    const depth = ctx.createGain();
    depth.gain.value = 90;
    flutter.connect(depth).connect(osc.frequency);
    osc.connect(this.envelope(t, 0.02, length, 0.22));
    osc.start(t);
    flutter.start(t);
    osc.stop(t + length + 0.02);
    flutter.stop(t + length + 0.02);
  }
}

/** The page's one sound board (one AudioContext per page). */
export const sounds = new Sounds();
