import { describe, expect, it } from "vitest";

/**
 * A class a module uses must be styled by a stylesheet that loads with it: through its chunk's static imports or
 * through the entry's (main.tsx and everything it imports statically). A stylesheet reached only through another
 * lazy chunk (controls.css through the ops panel) styles the viewer's tape only if that chunk happened to load — the
 * bug the user test found. Dynamic `import()` edges (React.lazy panels) start new chunks.
 */
// The file list from Vite (keys only: nothing is loaded); the text from disk, since Vitest hands CSS over as "".
// node:fs through a computed specifier, so the browser package's types need no @types/node.
const { readFileSync } = (await import(/* @vite-ignore */ `node:${"fs"}`)) as {
  readFileSync(path: URL, encoding: "utf8"): string;
};
const keys = Object.keys(import.meta.glob(["../**/*.{ts,tsx,css}", "!../**/*.test.{ts,tsx}"]));
/** Source text by path relative to src/ ("app/shell.tsx"); Vite names files of this folder "./x", the rest "../dir/x". */
const source = new Map(
  keys.map((k) => [
    k.replace(/^\.\//, "components/").replace(/^\.\.\//, ""),
    readFileSync(new URL(k, import.meta.url), "utf8"),
  ]),
);
const files = [...source.keys()];
const read = (f: string) => source.get(f) ?? "";

const dirname = (p: string) => p.split("/").slice(0, -1).join("/");
function resolve(dir: string, spec: string): string {
  const out: string[] = dir === "" ? [] : dir.split("/");
  for (const part of spec.split("/")) {
    if (part === "..") out.pop();
    else if (part !== ".") out.push(part);
  }
  return out.join("/");
}

const STATIC_IMPORT = /^\s*(?:import|export)\s+(?:[^;"']*?\s+from\s+)?["']([^"']+)["']/gm;

function staticImports(file: string): string[] {
  const text = read(file);
  return [...text.matchAll(STATIC_IMPORT)]
    .map((m) => m[1]!)
    .filter((s) => s.startsWith("."))
    .map((s) => resolve(dirname(file), s))
    .filter((p) => source.has(p));
}

function closure(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    if (!f.endsWith(".css")) todo.push(...staticImports(f));
  }
  return seen;
}

/** Class name → the stylesheets whose selectors name it. */
const definedIn = new Map<string, string[]>();
for (const css of files.filter((f) => f.endsWith(".css"))) {
  const selectors = read(css)
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\{[^{}]*\}/g, "{}");
  for (const m of selectors.matchAll(/\.([a-zA-Z][\w-]*)/g))
    definedIn.set(m[1]!, [...new Set([...(definedIn.get(m[1]!) ?? []), css])]);
}

/** Class names in className="…" literals and the static parts of className={`…`} templates. */
function classesUsed(file: string): string[] {
  const text = read(file);
  const literals = [
    ...[...text.matchAll(/className="([^"]*)"/g)].map((m) => m[1]!),
    ...[...text.matchAll(/className=\{`([^`]*)`\}/g)].map((m) => m[1]!.replace(/\$\{[^}]*\}/g, " ")),
  ];
  return [...new Set(literals.flatMap((l) => l.split(/\s+/)).filter((c) => definedIn.has(c)))];
}

/** Chunk roots: the entry and every target of a dynamic `import()` (React.lazy panels, on-demand modules). */
function chunkRoots(): string[] {
  const roots = new Set(["main.tsx"]);
  for (const f of files.filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f)))
    for (const m of read(f).matchAll(/import\(\s*["'](\.[^"']+)["']\s*\)/g)) {
      const p = resolve(dirname(f), m[1]!);
      if (source.has(p)) roots.add(p);
    }
  return [...roots];
}

describe("stylesheet reachability", () => {
  it("every class a chunk's modules use is styled by CSS that the chunk itself or the entry loads", () => {
    const eager = closure("main.tsx");
    const missing: string[] = [];
    const roots = chunkRoots();
    expect(roots.length).toBeGreaterThan(5);
    for (const root of roots) {
      const chunk = closure(root);
      for (const file of [...chunk].filter((f) => f.endsWith(".tsx")))
        for (const cls of classesUsed(file)) {
          const sheets = definedIn.get(cls)!;
          if (!sheets.some((s) => chunk.has(s) || eager.has(s)))
            missing.push(`${root} → ${file}: .${cls} (${sheets.join(", ")})`);
        }
    }
    expect([...new Set(missing)]).toEqual([]);
  });
});
