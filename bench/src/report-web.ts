/** The first-screen JavaScript section of the report (web/dist sizes, src/web-size.ts). */
import { fmt } from "./format.ts";
import { table } from "./table.ts";
import type { WebSizeReport } from "./web-size.ts";

const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} kB`;

export function renderWeb(w: WebSizeReport): string {
  const out = ["## First-screen JavaScript (web/dist)", ""];
  if (w.status === "not-built") {
    out.push(
      `not built — ${w.distDir}/index.html is missing. Run \`pnpm build:web\` (or \`pnpm bench --build-web\`).`,
    );
    return out.join("\n");
  }
  if (w.stale)
    out.push("_Warning: web/src has files newer than web/dist/index.html — the build may be stale._", "");
  out.push(
    `Initial JS (module scripts + modulepreloads in index.html): **${kb(w.initialGzipTotal)} gzip** ` +
      `(${kb(w.initialBytesTotal)} raw), lazy JS total ${kb(w.lazyGzipTotal)} gzip.`,
    "",
    table([
      ["chunk", "kind", "raw", "gzip"],
      ...w.initial.map((c) => [c.file, "initial", kb(c.bytes), kb(c.gzip)]),
      ...w.lazy.map((c) => [c.file, "lazy", kb(c.bytes), kb(c.gzip)]),
      ...w.css.map((c) => [c.file, "css (initial, not in JS total)", kb(c.bytes), kb(c.gzip)]),
    ]),
  );
  return out.join("\n");
}
