/**
 * The load generator as a pool of processes (src/load-clients.ts): at high client counts one process saturates before
 * the target does, so the clients are split over several. The pool speaks the same IPC protocol to each and merges
 * their answers (src/load-merge.ts); its pids are what the bench charges as "load gen" CPU.
 */
import type { ChildMessage, LoadConfig, LoadReport, ParentMessage } from "./load-clients.ts";
import { mergeConnected, mergeReports, splitSets } from "./load-merge.ts";
import { spawnNode, type LiveProcs, type Proc } from "./procs.ts";

type Connected = Extract<ChildMessage, { evt: "connected" }>;

interface Worker {
  proc: Proc;
  next: (evt: ChildMessage["evt"], timeoutMs: number) => Promise<ChildMessage>;
}

function startWorker(live: LiveProcs, index: number): Worker {
  const proc = live.add(
    spawnNode(
      `load-${index}`,
      "bench/src/load-clients.ts",
      [],
      {},
      { ipc: true, nodeArgs: ["--max-old-space-size=2048"] },
    ),
  );
  // A send racing the child's exit must not become an unhandled 'error' event.
  proc.child.on("error", () => undefined);
  const queue: ChildMessage[] = [];
  const waiters: ((m: ChildMessage) => void)[] = [];
  proc.child.on("message", (m: ChildMessage) => {
    const w = waiters.shift();
    if (w) w(m);
    else queue.push(m);
  });
  const next = (evt: ChildMessage["evt"], timeoutMs: number) =>
    new Promise<ChildMessage>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`${proc.name}: no '${evt}' within ${timeoutMs / 1000} s\n${proc.output.join("\n")}`),
          ),
        timeoutMs,
      );
      const take = (m: ChildMessage) => {
        clearTimeout(timer);
        if (m.evt === "error") reject(new Error(`${proc.name}: ${m.message}`));
        else if (m.evt !== evt) reject(new Error(`${proc.name}: expected '${evt}', got '${m.evt}'`));
        else resolve(m);
      };
      const queued = queue.shift();
      if (queued) take(queued);
      else waiters.push(take);
    });
  return { proc, next };
}

export class LoadPool {
  private readonly workers: Worker[];

  constructor(
    private readonly live: LiveProcs,
    count: number,
  ) {
    this.workers = Array.from({ length: Math.max(1, count) }, (_, i) => startWorker(live, i + 1));
  }

  get pids(): number[] {
    return this.workers.map((w) => w.proc.pid);
  }

  /** Sends to every worker still connected (a worker that died is reported by the `next` that waits for it). */
  private all(cmd: ParentMessage): void {
    for (const w of this.workers) if (w.proc.child.connected) w.proc.child.send(cmd);
  }

  /** Splits `config.sets` over the workers; resolves when every worker has opened its share. */
  async connect(config: LoadConfig, timeoutMs: number): Promise<Connected> {
    const slices = splitSets(config.sets, this.workers.length);
    const busy = this.workers.slice(0, slices.length);
    busy.forEach((w, i) => w.proc.child.send({ cmd: "start", config: { ...config, sets: slices[i]! } }));
    const parts = await Promise.all(busy.map((w) => w.next("connected", timeoutMs) as Promise<Connected>));
    // Workers with no share never answer; the protocol needs every one to have started to measure.
    for (const w of this.workers.slice(slices.length))
      w.proc.child.send({ cmd: "start", config: { ...config, sets: [] } });
    await Promise.all(this.workers.slice(slices.length).map((w) => w.next("connected", timeoutMs)));
    return mergeConnected(parts);
  }

  measureStart(): void {
    this.all({ cmd: "measure-start" });
  }

  async measureStop(timeoutMs = 30_000): Promise<LoadReport> {
    this.all({ cmd: "measure-stop" });
    const parts = await Promise.all(
      this.workers.map(
        async (w) => ((await w.next("report", timeoutMs)) as Extract<ChildMessage, { evt: "report" }>).report,
      ),
    );
    return mergeReports(parts);
  }

  /** Every client disconnects and every worker exits (bounded). */
  async close(): Promise<void> {
    this.all({ cmd: "disconnect" });
    await Promise.all(this.workers.map((w) => w.next("disconnected", 30_000).catch(() => undefined)));
    await Promise.all(this.workers.map((w) => this.live.stop(w.proc)));
  }
}
