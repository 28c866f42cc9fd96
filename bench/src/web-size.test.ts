import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { measureWebDist, parseIndexHtml, urlToDistPath } from "./web-size.ts";

const html = `<!doctype html>
<html><head>
  <script type="module" crossorigin src="/assets/index-AbC123.js"></script>
  <link rel="modulepreload" crossorigin href="/assets/vendor-react-x1.js">
  <link rel='modulepreload' href='./assets/vendor-socket-y2.js?v=3'>
  <link rel="stylesheet" crossorigin href="/assets/index-z9.css">
  <link rel="icon" href="/favicon.svg">
  <script src="https://cdn.example.com/analytics.js" type="module"></script>
  <script>window.x = 1</script>
</head><body><div id="root"></div></body></html>`;

describe("parseIndexHtml", () => {
  it("finds module scripts, module preloads and stylesheets, skipping external and inline", () => {
    expect(parseIndexHtml(html)).toEqual({
      scripts: ["/assets/index-AbC123.js"],
      modulePreloads: ["/assets/vendor-react-x1.js", "./assets/vendor-socket-y2.js?v=3"],
      stylesheets: ["/assets/index-z9.css"],
    });
  });

  it("normalises URLs to dist-relative paths", () => {
    expect(urlToDistPath("/assets/a.js")).toBe("assets/a.js");
    expect(urlToDistPath("./assets/a.js?v=1#x")).toBe("assets/a.js");
    expect(urlToDistPath("/app/assets/a.js", "/app/")).toBe("assets/a.js");
  });
});

describe("measureWebDist", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("reports not-built when index.html is missing", () => {
    dir = mkdtempSync(join(tmpdir(), "bench-web-"));
    expect(measureWebDist(join(dir, "dist")).status).toBe("not-built");
  });

  it("sums gzip of the initial chunks and lists every other JS file as lazy", () => {
    dir = mkdtempSync(join(tmpdir(), "bench-web-"));
    const dist = join(dir, "dist");
    mkdirSync(join(dist, "assets"), { recursive: true });
    writeFileSync(join(dist, "index.html"), html);
    const files: Record<string, string> = {
      "assets/index-AbC123.js":
        'import{a}from"./dock-d1.js";const l=()=>import("./Chart-k.js");' +
        "export const app = 1;".repeat(200),
      "assets/dock-d1.js": 'import"./dock-css-e2.js";export const a = 1;',
      "assets/dock-css-e2.js": "export const b = 2;",
      "assets/vendor-react-x1.js": "export const react = 'react';".repeat(500),
      "assets/vendor-socket-y2.js": "export const io = () => 0;".repeat(50),
      "assets/vendor-sentry-q.js": "export const sentry = {};".repeat(300),
      "assets/Chart-k.js": "export default function Chart() {}".repeat(10),
      "assets/index-z9.css": "body{margin:0}".repeat(20),
    };
    for (const [f, c] of Object.entries(files)) writeFileSync(join(dist, f), c);
    const gz = (f: string) => gzipSync(Buffer.from(files[f]!)).length;

    const r = measureWebDist(dist);
    expect(r.status).toBe("ok");
    // The entry's static imports count even without a modulepreload link (dock-d1 → dock-css-e2); import() does not.
    expect(r.initial.map((c) => c.file)).toEqual([
      "assets/index-AbC123.js",
      "assets/vendor-react-x1.js",
      "assets/vendor-socket-y2.js",
      "assets/dock-d1.js",
      "assets/dock-css-e2.js",
    ]);
    expect(r.initialGzipTotal).toBe(
      gz("assets/index-AbC123.js") +
        gz("assets/vendor-react-x1.js") +
        gz("assets/vendor-socket-y2.js") +
        gz("assets/dock-d1.js") +
        gz("assets/dock-css-e2.js"),
    );
    expect(r.lazy.map((c) => c.file).sort()).toEqual(["assets/Chart-k.js", "assets/vendor-sentry-q.js"]);
    expect(r.lazy.find((c) => c.file === "assets/Chart-k.js")?.gzip).toBe(gz("assets/Chart-k.js"));
    expect(r.css.map((c) => c.file)).toEqual(["assets/index-z9.css"]);
  });
});
