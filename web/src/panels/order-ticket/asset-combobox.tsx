import { useId, useMemo, useState } from "react";
import type { AssetInfo } from "@pregao/contracts";
import { useInstrumentSearch } from "../../lib/instruments.ts";
import { useT } from "../../i18n/use-t.ts";

const MAX_OPTIONS = 8;

/** Instruments whose ticker starts with, or whose name contains, the query (tickers first). */
export function matchInstruments(list: readonly AssetInfo[], query: string): AssetInfo[] {
  const q = query.trim().toUpperCase();
  if (!q) return [];
  const byTicker = list.filter((i) => i.asset.startsWith(q));
  const byName = list.filter((i) => !i.asset.startsWith(q) && i.name.toUpperCase().includes(q));
  return byTicker.concat(byName).slice(0, MAX_OPTIONS);
}

interface AssetComboboxProps {
  value: string;
  /** Instruments the ticket already holds (the current asset's); they match at once, before the search answers. */
  instruments: readonly AssetInfo[];
  onChange(value: string): void;
}

/**
 * ARIA 1.2 combobox for the ticket's asset: type, ↓/↑ to move, Enter to pick, Esc to close the list. Options come from
 * the BFF's instrument search (the catalog is never downloaded whole); a picked option's instrument is then cached.
 */
export function AssetCombobox({ value, instruments, onChange }: AssetComboboxProps) {
  const t = useT();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const found = useInstrumentSearch(value, MAX_OPTIONS);
  const options = useMemo(() => {
    const known = matchInstruments(instruments, value);
    const seen = new Set(known.map((i) => i.asset));
    return known.concat(found.filter((i) => !seen.has(i.asset))).slice(0, MAX_OPTIONS);
  }, [instruments, found, value]);
  const exact = options.length === 1 && options[0]!.asset === value;
  const expanded = open && options.length > 0 && !exact;
  const index = Math.min(active, Math.max(0, options.length - 1));
  const pick = (asset: string) => {
    onChange(asset);
    setOpen(false);
  };
  return (
    <div className="ticket-combo">
      <input
        id="ticket-asset"
        className="input"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded ? `${listId}-${index}` : undefined}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => {
          onChange(e.target.value.toUpperCase());
          setActive(0);
          setOpen(true);
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (!expanded) return;
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            setActive(Math.max(0, Math.min(options.length - 1, index + (e.key === "ArrowDown" ? 1 : -1))));
          } else if (e.key === "Enter") {
            e.preventDefault();
            pick(options[index]!.asset);
          } else if (e.key === "Escape") {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      />
      {expanded && (
        <ul id={listId} role="listbox" aria-label={t("ticket.assets")} className="ticket-combo-list">
          {options.map((o, i) => (
            <li
              key={o.asset}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === index}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o.asset);
              }}
            >
              <span className="num">{o.asset}</span> <span className="ticket-combo-name">{o.name}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
