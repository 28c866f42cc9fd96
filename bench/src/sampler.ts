/** CPU% and RSS of a set of processes every `intervalMs` (pidusage), each sample tagged with the current phase. */
import pidusage from "pidusage";

export interface Sample {
  t: number;
  phase: string;
  /** % of one core since the previous sample (100 = one full core). */
  cpu: number;
  rssMb: number;
}

export class Sampler {
  phase = "idle";
  readonly samples = new Map<string, Sample[]>();
  private readonly pids = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private readonly t0 = performance.now();

  constructor(private readonly intervalMs = 500) {}

  watch(name: string, pid: number): void {
    this.pids.set(name, pid);
    if (!this.samples.has(name)) this.samples.set(name, []);
  }

  unwatch(name: string): void {
    const pid = this.pids.get(name);
    this.pids.delete(name);
    if (pid !== undefined) pidusage.clear();
  }

  start(): void {
    this.timer = setInterval(() => void this.sampleAll(), this.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    pidusage.clear();
  }

  async sampleAll(): Promise<void> {
    const phase = this.phase;
    await Promise.all(
      [...this.pids].map(async ([name, pid]) => {
        try {
          const s = await pidusage(pid);
          this.samples.get(name)?.push({
            t: (performance.now() - this.t0) / 1000,
            phase,
            cpu: s.cpu,
            rssMb: s.memory / 2 ** 20,
          });
        } catch {
          // the process is gone
        }
      }),
    );
  }

  /** One immediate RSS reading (MB), or NaN when the process is gone. */
  async rssNow(name: string): Promise<number> {
    const pid = this.pids.get(name);
    if (pid === undefined) return Number.NaN;
    try {
      return (await pidusage(pid)).memory / 2 ** 20;
    } catch {
      return Number.NaN;
    }
  }

  of(name: string, phase?: string): Sample[] {
    return (this.samples.get(name) ?? []).filter((s) => phase === undefined || s.phase === phase);
  }
}

/** One RSS reading of `pid` (MB). */
export const rssMb = async (pid: number): Promise<number> => (await pidusage(pid)).memory / 2 ** 20;

/** Reads `pid`'s RSS every `everyMs` for `forMs` (sequentially, no overlap); the highest and the last reading (MB). */
export async function sampleRss(
  pid: number,
  everyMs: number,
  forMs: number,
): Promise<{ peak: number; last: number }> {
  const until = Date.now() + forMs;
  let peak = 0;
  let last = 0;
  while (Date.now() < until) {
    last = await rssMb(pid);
    peak = Math.max(peak, last);
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return { peak, last };
}
