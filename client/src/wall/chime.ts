/**
 * The wall's chime: a short, gentle two-tone bell synthesised with Web Audio (no sound file to
 * download or cache). Browsers start an AudioContext "suspended" until someone interacts with the
 * page; `unlock` resumes it from a click. The context comes from a factory so a test can hand in
 * its own and count the tones.
 */

/**
 * The parts of an AudioContext the chime uses. A test's stand-in can make its nodes with a real
 * OfflineAudioContext and still decide when sound is "blocked".
 */
export interface ChimeAudioContext {
  readonly state: string;
  readonly currentTime: number;
  readonly destination: AudioNode;
  resume(): Promise<void>;
  close(): Promise<void>;
  createOscillator(): OscillatorNode;
  createGain(): GainNode;
  addEventListener(type: 'statechange', listener: () => void): void;
  removeEventListener(type: 'statechange', listener: () => void): void;
}
export type AudioContextFactory = () => ChimeAudioContext | null;

/** The browser's AudioContext (webkit-prefixed in older Safari), or null where there is none. */
export const browserAudioContext: AudioContextFactory = () => {
  const Context = window.AudioContext ?? (window as Window & { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  return Context ? new Context() : null;
};

/** Two notes a major third apart (E5 then C5), each a soft sine with a quiet octave overtone. */
const NOTES = [
  { at: 0, hz: 659.25 },
  { at: 0.45, hz: 523.25 },
];
const PEAK = 0.22;
const RING_SECONDS = 1.8;

export class Chime {
  private context: ChimeAudioContext | null = null;

  constructor(
    private readonly createContext: AudioContextFactory,
    private readonly onStateChange: () => void,
  ) {}

  /** Creates the context (suspended if the browser blocks sound); safe to call again. */
  start(): void {
    if (this.context) return;
    try {
      this.context = this.createContext();
    } catch {
      this.context = null; // no Web Audio here: the wall stays silent and says so
    }
    this.context?.addEventListener('statechange', this.onStateChange);
  }

  /** Sound can play now. */
  get playable(): boolean {
    return this.context?.state === 'running';
  }

  /** Resumes a suspended context; call from a user's click or key press. */
  async unlock(): Promise<void> {
    if (!this.context || this.context.state === 'running') return;
    try {
      await this.context.resume();
    } catch {
      // Still blocked: the note keeps asking for a click.
    }
    this.onStateChange();
  }

  /** Rings the bell now; false when sound is blocked. */
  ring(): boolean {
    const ctx = this.context;
    if (!ctx || ctx.state !== 'running') return false;
    const start = ctx.currentTime + 0.05;
    for (const note of NOTES) {
      this.tone(ctx, start + note.at, note.hz, PEAK);
      this.tone(ctx, start + note.at, note.hz * 2, PEAK / 6);
    }
    return true;
  }

  stop(): void {
    this.context?.removeEventListener('statechange', this.onStateChange);
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }

  /** A bell-like envelope: a quick soft attack, then a long exponential fade. */
  private tone(ctx: ChimeAudioContext, at: number, hz: number, peak: number): void {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.setValueAtTime(hz, at);
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.linearRampToValueAtTime(peak, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + RING_SECONDS);
    osc.connect(gain);
    gain.connect(ctx.destination);
    osc.start(at);
    osc.stop(at + RING_SECONDS + 0.05);
  }
}
