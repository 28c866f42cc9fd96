/**
 * The Node/V8 flags the BFF runs with, wherever it is started: `pnpm start` and `pnpm start:cluster`
 * (scripts/start-stack.ts, scripts/start-cluster.ts), the package's own `start` script (pinned to this list by
 * node-flags.test.ts) and the bench's targets, so a benchmark measures what production runs. Started some other way
 * (a container, systemd), pass the same flags, e.g. `NODE_OPTIONS="--max-semi-space-size=64"` (docs/deployment.md).
 *
 * `--max-semi-space-size=64` (MiB; V8's default is 16 on 64-bit): the fan-out allocates ≈ 240 MB/s at 600 clients
 * (one batch string and buffer per client per tick, the parsed upstream frames, new quote values). With 16 MiB
 * semi-spaces a scavenge ran many times a second and promoted values still in flight; a CPU profile at 600 clients
 * put the garbage collector at 15.2 % of the BFF's samples, 4.9 % with 64 MiB (docs/performance.md). V8 grows the
 * young generation toward the maximum only under such load; an idle BFF does not use it.
 */
export const BFF_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=64"];
