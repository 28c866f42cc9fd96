/** The target's `/stats` counters as flat numeric maps: flatten, window delta, pick one by name (no I/O). */

/** Flattens numeric leaves: `{a:{b:1}}` → `{"a.b":1}`. */
export function flatten(v: unknown, prefix = "", out: Record<string, number> = {}): Record<string, number> {
  if (typeof v === "number") out[prefix] = v;
  else if (v && typeof v === "object")
    for (const [k, c] of Object.entries(v)) flatten(c, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

/** after − before for every key present in both, leaving out per-client counters (hundreds of keys). */
export function delta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const d: Record<string, number> = {};
  for (const [k, v] of Object.entries(after))
    if (k in before && !k.includes(".perClient.")) d[k] = v - before[k]!;
  return d;
}

/** First counter whose key ends with `name` (e.g. `conflation.quotesConflated`). */
export function pick(stats: Record<string, number>, name: string): number | null {
  const key = Object.keys(stats).find((k) => k === name || k.endsWith(`.${name}`));
  return key === undefined ? null : stats[key]!;
}
