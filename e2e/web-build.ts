/**
 * The SPA builds the E2E suites serve, rebuilt only when a source is newer than the last build. A build writes a
 * stamp (`.build-stamp` in its output) holding the time it *started*, so a file saved while vite was running still
 * counts as newer than the build.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");

/** Everything vite reads for the SPA: its sources, the contracts it imports, the html shell, public assets, config. */
const INPUTS = [
  "web/src",
  "web/index.html",
  "web/public",
  "web/package.json",
  "contracts/src",
  "contracts/package.json",
  "vite.config.ts",
];

/** `production` → web/dist (what the BFF serves); `e2e` → web/dist-e2e (with the test hooks the suites drive). */
export type WebBuild = "production" | "e2e";

const outDir = (build: WebBuild) => join(ROOT, "web", build === "e2e" ? "dist-e2e" : "dist");
const stampPath = (build: WebBuild) => join(outDir(build), ".build-stamp");

/** Unit and type tests live beside the sources but never reach a bundle. */
const NOT_BUILT = /\.test(-d)?\.tsx?$/;

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return NOT_BUILT.test(path) ? 0 : stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file shows only as its directory's change
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** The newest input's mtime, including web/.env* (vite's envDir is web/). */
export function newestInput(): number {
  const envFiles = readdirSync(join(ROOT, "web")).filter((name) => name.startsWith(".env"));
  return Math.max(
    ...[...INPUTS, ...envFiles.map((name) => `web/${name}`)].map((p) => newestMtime(join(ROOT, p))),
  );
}

/** Why `build` must be rebuilt, or null when its stamp is newer than every input. */
export function staleReason(build: WebBuild): string | null {
  if (!existsSync(join(outDir(build), "index.html"))) return "no build yet";
  if (!existsSync(stampPath(build))) return "the build has no stamp (built by hand?)";
  const builtFrom = Number(readFileSync(stampPath(build), "utf8").trim());
  if (!Number.isFinite(builtFrom)) return "unreadable stamp";
  return newestInput() > builtFrom ? "a source is newer than the build" : null;
}

/** Runs `vite build` for `build` and stamps it with the time the build started. */
export function buildWeb(build: WebBuild): void {
  const started = Date.now();
  execFileSync("pnpm", ["exec", "vite", "build", ...(build === "e2e" ? ["--mode", "e2e"] : [])], {
    cwd: ROOT,
    stdio: "inherit",
  });
  writeFileSync(stampPath(build), `${started}\n`);
}

/** Rebuilds `build` when stale; returns whether it did. */
export function ensureWebBuild(build: WebBuild): boolean {
  const reason = staleReason(build);
  if (reason === null) return false;
  console.warn(`[e2e] rebuilding web/${build === "e2e" ? "dist-e2e" : "dist"}: ${reason}`);
  buildWeb(build);
  return true;
}
