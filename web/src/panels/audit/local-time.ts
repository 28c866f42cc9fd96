import { activeIntlTag } from "../../i18n/i18n.ts";

const cache = new Map<string, Intl.DateTimeFormat>();

/**
 * An audit timestamp as date and 24-hour time with seconds in the user's language and the browser's own zone
 * (pt-BR `03/12/2026 14:05:09`, en `12/03/2026, 14:05:09`) — the zone the From/To inputs are typed in, so a row
 * shown at 14:05 is found by From 14:05. (Market times elsewhere are exchange time; an audit search is not.)
 * `timeZone` is for tests.
 */
export function formatAuditTime(iso: string, timeZone?: string): string {
  const tag = activeIntlTag();
  const key = `${tag}|${timeZone ?? ""}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(tag, {
      ...(timeZone ? { timeZone } : {}),
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    cache.set(key, f);
  }
  return f.format(new Date(iso));
}
