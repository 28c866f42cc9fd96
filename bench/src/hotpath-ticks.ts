/**
 * Micro-benchmark of the flush timers: N clients flushed by one shared interval (the hub's) or by one interval per
 * client, each flush a real ClientConflator with one fresh quote pending and a transport that only counts. Reports the
 * process CPU per client flush and the flushes per client per second actually reached, alternating the two modes.
 *
 * node --import tsx bench/src/hotpath-ticks.ts --clients 500 --conflation-ms 50 --seconds 5 --rounds 3
 */
import { parseArgs } from "node:util";
import type { Quote } from "@pregao/contracts";
import { ClientConflator } from "../../bff/src/realtime/conflation.ts";
import { TakenValues } from "../../bff/src/realtime/taken-values.ts";

const { values: args } = parseArgs({
  options: {
    clients: { type: "string", default: "500" },
    "conflation-ms": { type: "string", default: "50" },
    seconds: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
  },
});
const clients = Number(args.clients);
const intervalMs = Number(args["conflation-ms"]);
const seconds = Number(args.seconds);
const rounds = Number(args.rounds);

const quote = { asset: "A:B", last: 1, receivedAt: 0 } as Quote;

async function run(
  mode: "shared" | "per-client",
): Promise<{ usPerFlush: number; flushesPerClientPerS: number }> {
  let emits = 0;
  const transport = { emit: () => void emits++, drained: () => true };
  // Each client holds its own asset, so every flush has exactly one new value to send.
  const taken = new TakenValues<Quote>();
  const conflators = Array.from({ length: clients }, (_, i) => {
    const c = new ClientConflator(transport, 10);
    c.holdQuote(`A${i}`, taken.slot(`A${i}`));
    return c;
  });
  const refill = (c: ClientConflator, i: number) => {
    c.flush();
    taken.put(`A${i}`, quote, 1, 0);
  };
  const timers =
    mode === "shared"
      ? [setInterval(() => conflators.forEach(refill), intervalMs)]
      : conflators.map((c, i) => setInterval(() => refill(c, i), intervalMs));
  conflators.forEach((_, i) => taken.put(`A${i}`, quote, 1, 0));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const cpu = process.cpuUsage(cpu0);
  const wallS = (performance.now() - t0) / 1000;
  timers.forEach(clearInterval);
  return {
    usPerFlush: Math.round(((cpu.user + cpu.system) / emits) * 100) / 100,
    flushesPerClientPerS: Math.round((emits / clients / wallS) * 10) / 10,
  };
}

for (let r = 0; r < rounds; r++)
  for (const mode of ["shared", "per-client"] as const)
    process.stdout.write(
      `${JSON.stringify({ bench: "hotpath-ticks", mode, clients, round: r, ...(await run(mode)) })}\n`,
    );
