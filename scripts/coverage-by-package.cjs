// @ts-check
"use strict";
/**
 * An istanbul reporter (vitest `coverage.reporter`) that prints line and branch coverage per package: the numbers the
 * per-package thresholds in vitest.config.ts are held to, without the 500-row per-file table of the `text` reporter.
 * CommonJS because istanbul-reports loads custom reporters with `require()`.
 *
 * Options: `packages` (top-level folders, in print order), `minLines` (the bar, to mark the rows under it), `file`
 * (write there instead of stdout), `projectRoot` (given by vitest).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose (see above)
const path = require("node:path");

/** @typedef {{ covered: number, total: number }} Count */
/** @typedef {{ files: number, lines: Count, branches: Count }} Totals */

/** @param {Count} c */
const pct = (c) => (c.total === 0 ? 100 : (100 * c.covered) / c.total);
/** @param {Count} c */
const cell = (c) => `${pct(c).toFixed(1).padStart(5)} % ${`(${c.covered}/${c.total})`.padEnd(14)}`;

class PackageCoverageReporter {
  /** @param {{ packages?: string[], minLines?: number, file?: string, projectRoot?: string }} opts */
  constructor(opts) {
    this.packages = opts.packages ?? [];
    this.minLines = opts.minLines ?? 0;
    this.file = opts.file ?? null;
    this.projectRoot = opts.projectRoot ?? process.cwd();
  }

  /** @param {any} context istanbul-lib-report's Context (untyped package) */
  execute(context) {
    /** @type {Map<string, Totals>} */
    const totals = new Map(
      this.packages.map((p) => [
        p,
        { files: 0, lines: { covered: 0, total: 0 }, branches: { covered: 0, total: 0 } },
      ]),
    );
    context.getTree("flat").visit({
      /** @param {any} node */
      onDetail: (node) => {
        const fileCoverage = node.getFileCoverage();
        const pkg = path.relative(this.projectRoot, fileCoverage.path).split(path.sep)[0] ?? "";
        const t = totals.get(pkg);
        if (!t) return;
        const s = fileCoverage.toSummary();
        t.files += 1;
        for (const key of /** @type {const} */ (["lines", "branches"])) {
          t[key].covered += s[key].covered;
          t[key].total += s[key].total;
        }
      },
    });
    const out = context.writer.writeFile(this.file);
    out.println("");
    out.println(`Coverage per package (v8)   ${"lines".padEnd(24)}${"branches".padEnd(24)}files`);
    for (const [pkg, t] of totals) {
      const under = pct(t.lines) < this.minLines ? `   < ${this.minLines} % lines` : "";
      out.println(
        `  ${pkg.padEnd(26)}${cell(t.lines)}   ${cell(t.branches)}   ${String(t.files).padStart(4)}${under}`,
      );
    }
    out.close();
  }
}

module.exports = PackageCoverageReporter;
