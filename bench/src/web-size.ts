/**
 * First-screen JavaScript size of the built SPA. The initial set is what `index.html` makes the browser fetch before
 * the app can render: every `<script type="module" src>` and every `<link rel="modulepreload" href>` (Vite emits one
 * for each static import of the entry), plus every chunk those import statically (followed in the code, so a static
 * import without a preload link still counts). Every other `.js` file under the dist folder is a lazy chunk (reached
 * only via dynamic `import()`). Sizes are gzip (zlib, default level 6) of the file bytes.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import { gzipSync } from "node:zlib";

export interface ChunkSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface WebSizeReport {
  status: "ok" | "not-built";
  distDir: string;
  /** Newest file in web/src is newer than dist/index.html: the build may not reflect the current source. */
  stale: boolean;
  initial: ChunkSize[];
  initialGzipTotal: number;
  initialBytesTotal: number;
  lazy: ChunkSize[];
  lazyGzipTotal: number;
  /** Stylesheets linked from index.html (not part of the JS figure; listed for context). */
  css: ChunkSize[];
}

const ATTR = (name: string) => new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i");

function attr(tag: string, name: string): string | undefined {
  const m = ATTR(name).exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

export interface HtmlRefs {
  scripts: string[];
  modulePreloads: string[];
  stylesheets: string[];
}

/** Extracts module scripts, module preloads and stylesheets from an HTML document (external URLs are skipped). */
export function parseIndexHtml(html: string): HtmlRefs {
  const refs: HtmlRefs = { scripts: [], modulePreloads: [], stylesheets: [] };
  const local = (u: string | undefined): u is string =>
    !!u && !/^(?:[a-z]+:)?\/\//i.test(u) && !u.startsWith("data:");
  for (const m of html.matchAll(/<script\b[^>]*>/gi)) {
    const tag = m[0];
    const src = attr(tag, "src");
    if (attr(tag, "type")?.toLowerCase() === "module" && local(src)) refs.scripts.push(src);
  }
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    const rel = attr(tag, "rel")?.toLowerCase().split(/\s+/) ?? [];
    const href = attr(tag, "href");
    if (!local(href)) continue;
    if (rel.includes("modulepreload")) refs.modulePreloads.push(href);
    else if (rel.includes("stylesheet")) refs.stylesheets.push(href);
  }
  return refs;
}

/** Maps a URL from index.html (`/assets/x.js`, `./assets/x.js`, `assets/x.js?v=1`) to a path relative to dist. */
export function urlToDistPath(url: string, base = "/"): string {
  let p = url.split(/[?#]/)[0]!;
  if (base !== "/" && p.startsWith(base)) p = p.slice(base.length);
  return p.replace(/^\.?\//, "");
}

function gz(file: string, rel: string): ChunkSize {
  const data = readFileSync(file);
  return { file: rel, bytes: data.length, gzip: gzipSync(data).length };
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const f of walk(dir)) newest = Math.max(newest, statSync(f).mtimeMs);
  return newest;
}

/** `import"./x.js"`, `from"./x.js"` (static; `import("./x.js")` is lazy and not matched). */
const STATIC_IMPORT = /(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.m?js)["']/g;

/** The relative static imports of a chunk, as dist-relative paths. */
export function staticImports(code: string, chunkRel: string): string[] {
  const dir = chunkRel.includes("/") ? chunkRel.slice(0, chunkRel.lastIndexOf("/")) : "";
  return [...code.matchAll(STATIC_IMPORT)].map((m) => posix.normalize(posix.join(dir, m[1]!)));
}

/**
 * The files index.html loads plus, transitively, every chunk they import statically: what the browser must fetch
 * before the entry runs, even for a static import Vite did not list as a modulepreload.
 */
function staticClosure(distDir: string, roots: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const rel = queue.shift()!;
    if (seen.has(rel)) continue;
    seen.add(rel);
    const file = join(distDir, rel);
    if (/\.m?js$/.test(rel) && existsSync(file))
      queue.push(...staticImports(readFileSync(file, "utf8"), rel));
  }
  return [...seen];
}

const sum = (xs: ChunkSize[], k: "gzip" | "bytes") => xs.reduce((a, c) => a + c[k], 0);

/** Measures `distDir` (e.g. web/dist). `srcDir` (web/src) is only used for the staleness hint. */
export function measureWebDist(distDir: string, srcDir?: string): WebSizeReport {
  const indexFile = join(distDir, "index.html");
  const empty: WebSizeReport = {
    status: "not-built",
    distDir,
    stale: false,
    initial: [],
    initialGzipTotal: 0,
    initialBytesTotal: 0,
    lazy: [],
    lazyGzipTotal: 0,
    css: [],
  };
  if (!existsSync(indexFile)) return empty;
  const refs = parseIndexHtml(readFileSync(indexFile, "utf8"));
  const fromHtml = [...new Set([...refs.scripts, ...refs.modulePreloads].map((u) => urlToDistPath(u)))];
  const initialRel = staticClosure(distDir, fromHtml);
  const initial = initialRel.filter((r) => existsSync(join(distDir, r))).map((r) => gz(join(distDir, r), r));
  const initialSet = new Set(initialRel);
  const toRel = (f: string) => relative(distDir, f).split(sep).join("/");
  const lazy = walk(distDir)
    .filter((f) => /\.m?js$/.test(f))
    .map(toRel)
    .filter((r) => !initialSet.has(r))
    .sort()
    .map((r) => gz(join(distDir, r), r))
    .sort((a, b) => b.gzip - a.gzip);
  const css = [...new Set(refs.stylesheets.map((u) => urlToDistPath(u)))]
    .filter((r) => existsSync(join(distDir, r)))
    .map((r) => gz(join(distDir, r), r));
  return {
    status: "ok",
    distDir,
    stale: srcDir ? newestMtime(srcDir) > statSync(indexFile).mtimeMs : false,
    initial,
    initialGzipTotal: sum(initial, "gzip"),
    initialBytesTotal: sum(initial, "bytes"),
    lazy,
    lazyGzipTotal: sum(lazy, "gzip"),
    css,
  };
}
