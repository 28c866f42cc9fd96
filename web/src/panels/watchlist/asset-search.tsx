import { useId, useMemo, useState, type KeyboardEvent } from "react";
import type { AssetInfo } from "@pregao/contracts";
import { useWatchlistSearch } from "./search-instruments.ts";

interface AssetSearchProps {
  held: readonly string[];
  onPick(asset: string): void;
  disabledReason?: string | undefined;
}

/** ARIA 1.2 combobox over a server-side instrument search: type a ticker or name, arrows, Enter to add, Esc to close. */
export function AssetSearch({ held, onPick, disabledReason }: AssetSearchProps) {
  const listId = useId();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const heldSet = useMemo(() => new Set(held), [held]);
  const results = useWatchlistSearch(query, heldSet);
  const activeIndex = Math.min(active, Math.max(results.length - 1, 0));
  const expanded = open && results.length > 0;

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
        aria-label="Add asset"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded ? `${listId}-${activeIndex}` : undefined}
        placeholder={disabledReason ?? "Add asset — ticker or name"}
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
        aria-label="Matching assets"
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
              <span className="asset-search-name">{info.name}</span>
            </li>
          ))}
      </ul>
    </div>
  );
}
