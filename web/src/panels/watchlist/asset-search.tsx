import { useId, useMemo, useState, type KeyboardEvent } from "react";
import { INSTRUMENTS_LIMIT_MAX, type AssetInfo } from "@pregao/contracts";
import { useInstrumentSearchState } from "../../lib/instruments.ts";
import { t as tNow } from "../../i18n/i18n.ts";
import { useT } from "../../i18n/use-t.ts";

const MAX_OPTIONS = 20;

/**
 * The company, not the ticker again: ProfitDLL's `name` is the ticker ("VALE3"); its description is the company
 * ("VALE ON"). Falls back to the name when it says more than the ticker.
 */
export function companyName(info: AssetInfo): string {
  const ticker = info.asset.split(":")[0] ?? info.asset;
  if (info.description.trim() !== "") return info.description;
  return info.name === ticker ? "" : info.name;
}

/** What to say when the search settles with nothing to add: no match, or every match is already listed. */
export function searchMessage(
  query: string,
  found: readonly AssetInfo[],
  held: ReadonlySet<string>,
): string | null {
  if (query.trim() === "") return null;
  if (found.length === 0) return tNow("watchlist.noMatch", { query: query.trim() });
  const listed = found.filter((i) => held.has(i.asset)).map((i) => i.asset);
  if (listed.length < found.length) return null;
  const shown = listed.slice(0, 3).join(", ");
  return listed.length > 3
    ? tNow("watchlist.alreadyListedMore", { assets: shown, n: listed.length - 3 })
    : tNow("watchlist.alreadyListed", { assets: shown });
}

interface AssetSearchProps {
  held: readonly string[];
  onPick(asset: string): void;
  disabledReason?: string | undefined;
}

/** ARIA 1.2 combobox over a server-side instrument search: type a ticker or name, arrows, Enter to add, Esc to close. */
export function AssetSearch({ held, onPick, disabledReason }: AssetSearchProps) {
  const t = useT();
  const listId = useId();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const heldSet = useMemo(() => new Set(held), [held]);
  // Ask for enough extra results that held ones do not leave the list short.
  const search = useInstrumentSearchState(query, Math.min(INSTRUMENTS_LIMIT_MAX, MAX_OPTIONS + held.length));
  const results = useMemo(
    () => search.results.filter((i) => !heldSet.has(i.asset)).slice(0, MAX_OPTIONS),
    [search.results, heldSet],
  );
  const activeIndex = Math.min(active, Math.max(results.length - 1, 0));
  const expanded = open && results.length > 0;
  const message = open && search.settled ? searchMessage(query, search.results, heldSet) : null;

  const pick = (info: AssetInfo | undefined) => {
    if (!info) return;
    onPick(info.asset);
    setQuery("");
    setActive(0);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (!open) setOpen(true);
        else setActive(Math.min(activeIndex + 1, results.length - 1));
        break;
      case "ArrowUp":
        e.preventDefault();
        setActive(Math.max(activeIndex - 1, 0));
        break;
      case "Enter":
        if (expanded) {
          e.preventDefault();
          pick(results[activeIndex]);
        }
        break;
      case "Escape":
        if (open) setOpen(false);
        else setQuery("");
        break;
    }
  };

  return (
    <div className="asset-search">
      <input
        className="asset-search-input"
        type="text"
        role="combobox"
        aria-label={t("watchlist.addAsset")}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded ? `${listId}-${activeIndex}` : undefined}
        placeholder={disabledReason ?? t("watchlist.addPlaceholder")}
        disabled={disabledReason !== undefined}
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(query !== "")}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={t("watchlist.matching")}
        className="asset-search-list"
        hidden={!expanded}
      >
        {expanded &&
          results.map((info, i) => (
            <li
              key={info.asset}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              className="asset-search-option"
              // mousedown, not click: keeps focus in the input so blur does not close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(info);
              }}
              onMouseMove={() => setActive(i)}
            >
              <span className="asset-search-ticker">{info.asset}</span>
              <span className="asset-search-name" title={companyName(info)}>
                {companyName(info)}
              </span>
            </li>
          ))}
      </ul>
      {/* Always in the DOM, so screen readers announce the message when it appears. */}
      <div role="status" className={message ? "asset-search-list" : undefined}>
        {message && <p className="panel-note">{message}</p>}
      </div>
    </div>
  );
}
