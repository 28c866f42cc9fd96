// Asserts the production build has no E2E test hooks, and (when present) that the e2e build has them — proving the
// check can fail. Run after `vite build` (and optionally `vite build --mode e2e`):
//   node web/scripts/check-no-test-hooks.mjs
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const NEEDLE = "__pregaoTest";
const web = resolve(import.meta.dirname, "..");

function filesWithNeedle(dir) {
  const hits = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hits.push(...filesWithNeedle(path));
    else if (readFileSync(path, "utf8").includes(NEEDLE)) hits.push(relative(web, path));
  }
  return hits;
}

const dist = join(web, "dist");
if (!existsSync(join(dist, "index.html"))) {
  console.error("web/dist missing: run `npx vite build` first");
  process.exit(2);
}
const prodHits = filesWithNeedle(dist);
if (prodHits.length > 0) {
  console.error(`FAIL: production build contains ${NEEDLE}:\n  ${prodHits.join("\n  ")}`);
  process.exit(1);
}
console.warn(`ok: web/dist has no ${NEEDLE}`);

const e2e = join(web, "dist-e2e");
if (existsSync(join(e2e, "index.html"))) {
  if (filesWithNeedle(e2e).length === 0) {
    console.error(`FAIL: e2e build lacks ${NEEDLE}; the hook (or this check) is broken`);
    process.exit(1);
  }
  console.warn(`ok: web/dist-e2e has ${NEEDLE}`);
}
