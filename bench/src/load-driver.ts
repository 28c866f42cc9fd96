/** The orchestrator's side of the load-clients IPC protocol: spawn the process, await its messages in order. */
import type { ChildMessage } from "./load-clients.ts";
import { spawnNode, type LiveProcs, type Proc } from "./procs.ts";

export interface LoadDriver {
  proc: Proc;
  /** The next message from the child; rejects on `error`, on any other event than `evt`, or after `timeoutMs`. */
  next: (evt: ChildMessage["evt"], timeoutMs: number) => Promise<ChildMessage>;
}

export function startClients(live: LiveProcs): LoadDriver {
  const proc = live.add(
    spawnNode(
      "load-clients",
      "bench/src/load-clients.ts",
      [],
      {},
      {
        ipc: true,
        nodeArgs: ["--max-old-space-size=2048"],
      },
    ),
  );
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
            new Error(`load-clients: no '${evt}' within ${timeoutMs / 1000} s\n${proc.output.join("\n")}`),
          ),
        timeoutMs,
      );
      const take = (m: ChildMessage) => {
        clearTimeout(timer);
        if (m.evt === "error") reject(new Error(`load-clients: ${m.message}`));
        else if (m.evt !== evt) reject(new Error(`load-clients: expected '${evt}', got '${m.evt}'`));
        else resolve(m);
      };
      const queued = queue.shift();
      if (queued) take(queued);
      else waiters.push(take);
    });
  return { proc, next };
}
