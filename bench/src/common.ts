/** Small helpers shared by the bench processes (no I/O). */

/** mulberry32: the same deterministic PRNG family the sim uses, so a seed means the same thing everywhere. */
export function rng(seed: number): () => number {
  let state = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Gives each of `clients` clients `perClient` distinct assets. Clients consume a stream of seeded permutations of
 * `assets`, so every asset gets the same number of subscribers (±1) and the sets differ between clients (no two
 * clients share an identical list by construction, unlike a fixed stride).
 */
export function assignAssets(
  assets: readonly string[],
  clients: number,
  perClient: number,
  seed = 1,
): string[][] {
  if (perClient > assets.length)
    throw new Error(`assets-per-client (${perClient}) > assets (${assets.length})`);
  const next = rng(seed);
  let pool: string[] = [];
  const refill = () => {
    const p = [...assets];
    for (let i = p.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [p[i], p[j]] = [p[j]!, p[i]!];
    }
    pool.push(...p);
  };
  const out: string[][] = [];
  for (let c = 0; c < clients; c++) {
    const mine = new Set<string>();
    const skipped: string[] = [];
    while (mine.size < perClient) {
      if (pool.length === 0) refill();
      const a = pool.shift()!;
      if (mine.has(a)) skipped.push(a);
      else mine.add(a);
    }
    // Duplicates (only possible across a permutation boundary) go back to the front for the next client.
    pool = [...skipped, ...pool];
    out.push([...mine]);
  }
  return out;
}

const TS = Buffer.from('"ts":');
const ASSET = Buffer.from('"asset":"');

/** Reads the numeric `ts` field of a JSON frame without parsing it (first occurrence). NaN when absent. */
export function readTs(frame: Buffer | string): number {
  const buf = typeof frame === "string" ? Buffer.from(frame) : frame;
  const at = buf.indexOf(TS);
  if (at < 0) return Number.NaN;
  let i = at + TS.length;
  while (buf[i] === 0x20) i++;
  let n = 0;
  let digits = 0;
  for (; i < buf.length; i++) {
    const c = buf[i]!;
    if (c < 0x30 || c > 0x39) break;
    n = n * 10 + (c - 0x30);
    digits++;
  }
  return digits === 0 ? Number.NaN : n;
}

/** Reads the first `"asset":"…"` string of a JSON frame without parsing it. */
export function readAsset(frame: Buffer): string | undefined {
  const at = frame.indexOf(ASSET);
  if (at < 0) return undefined;
  const start = at + ASSET.length;
  const end = frame.indexOf(0x22, start);
  return end < 0 ? undefined : frame.toString("latin1", start, end);
}

export type Flags = Record<string, string | boolean>;

/** `--name value`, `--name=value` and bare `--flag` (true). */
export function parseFlags(argv: readonly string[]): Flags {
  const out: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) continue;
    const eq = a.indexOf("=");
    if (eq > 0) {
      out[a.slice(2, eq)] = a.slice(eq + 1);
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith("--")) {
      out[a.slice(2)] = next;
      i++;
    } else out[a.slice(2)] = true;
  }
  return out;
}

export function numFlag(flags: Flags, name: string, def: number): number {
  const v = flags[name];
  if (v === undefined || v === true) return def;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0)
    throw new Error(`--${name} must be a non-negative number, got ${String(v)}`);
  return n;
}

export function strFlag(flags: Flags, name: string, def: string): string {
  const v = flags[name];
  return typeof v === "string" ? v : def;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
