/** Timer granularity: events are emitted in batches every TICK_MS so high rates need no per-event timer. */
export const TICK_MS = 10;
/** At most this much elapsed time is made up after a stalled event loop, so a pause does not become a burst. */
const MAX_CATCH_UP_MS = 50;

/**
 * Drives the market at `rate()` events per second: every tick it emits rate × elapsed events, carrying the fraction
 * over, so low rates (2/s) and high ones (tens of thousands/s) are both exact on average.
 */
export class EventScheduler {
  private timer: NodeJS.Timeout | undefined;
  private last = 0;
  private carry = 0;

  constructor(
    private readonly rate: () => number,
    private readonly emit: (count: number) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  start(): void {
    if (this.timer) return;
    this.last = this.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  tick(): void {
    const now = this.now();
    const elapsed = Math.min(MAX_CATCH_UP_MS, now - this.last);
    this.last = now;
    this.carry += (this.rate() * elapsed) / 1000;
    const count = Math.floor(this.carry);
    this.carry -= count;
    if (count > 0) this.emit(count);
  }
}
