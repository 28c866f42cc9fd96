/**
 * `pnpm test:e2e [playwright args]`.
 * - No arguments (CI): both SPA builds from scratch, the check that production has no test hooks, every spec, then the
 *   gateway suite.
 * - With arguments (`pnpm test:e2e e2e/tests/feed`, `pnpm test:e2e --grep @smoke`): Playwright with those arguments;
 *   its global setup rebuilds web/dist-e2e only if it is stale.
 */
import { spawnSync } from "node:child_process";
import { buildWeb } from "./web-build.ts";

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// pnpm 10 passes a `--` separator through verbatim; Playwright would take it as the end of options.
const args = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === "--"));

if (args.length > 0) {
  run("pnpm", ["exec", "playwright", "test", ...args]);
} else {
  buildWeb("production");
  buildWeb("e2e");
  run("node", ["web/scripts/check-no-test-hooks.mjs"]);
  run("pnpm", ["exec", "playwright", "test"]);
  run("pnpm", ["test:e2e:gateway"]);
}
