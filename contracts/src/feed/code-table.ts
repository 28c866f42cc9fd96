/** A ProfitDLL code table: numeric code → key (the manual's constant, named once). */
export type CodeTable = Readonly<Record<number, string>>;

/** The inverse of a code table, key → code, with literal types (`{ NEW: 0, … }` from `{ 0: "NEW", … }`). */
export type KeyToCode<T extends CodeTable> = { readonly [C in keyof T as T[C] & string]: C };

/** Builds a table's key → code inverse, for code that names codes (`S.FILLED`) instead of writing numbers. */
export function keyToCode<T extends CodeTable>(table: T): KeyToCode<T> {
  return Object.fromEntries(Object.entries(table).map(([code, key]) => [key, Number(code)])) as KeyToCode<T>;
}

/** The key of `code` in `table`; undefined for a code the table does not name. */
export function keyOfCode<T extends CodeTable>(table: T, code: number): T[keyof T] | undefined {
  return Object.hasOwn(table, code) ? (table[code as keyof T] as T[keyof T]) : undefined;
}
