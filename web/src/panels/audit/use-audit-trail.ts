import { useCallback, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { AuditFilter } from "@pregao/contracts";
import { auditPageQueryOptions } from "./api.ts";

interface TrailView {
  filter: AuditFilter;
  /** The `before` cursor of each page walked back to, oldest last; empty on the newest page. */
  cursors: number[];
}

/**
 * The applied filters and keyset paging over the trail: "Older" follows the page's `nextCursor`, "Newer" goes back
 * one cursor, a new filter starts again at the newest page. While a page loads the previous one stays on screen
 * (`isPlaceholderData`); paging is off meanwhile, since the placeholder's cursor belongs to the page being left.
 */
export function useAuditTrail() {
  const [view, setView] = useState<TrailView>({ filter: {}, cursors: [] });
  const before = view.cursors.at(-1);
  const page = useQuery(auditPageQueryOptions(view.filter, before));
  const settled = page.isSuccess && !page.isPlaceholderData;
  const nextCursor = settled ? page.data.nextCursor : null;

  const applyFilter = useCallback((filter: AuditFilter) => setView({ filter, cursors: [] }), []);
  const older = useCallback(() => {
    if (nextCursor !== null) setView((v) => ({ ...v, cursors: [...v.cursors, nextCursor] }));
  }, [nextCursor]);
  const newer = useCallback(() => setView((v) => ({ ...v, cursors: v.cursors.slice(0, -1) })), []);

  return {
    filter: view.filter,
    page,
    /** 1 for the newest page. */
    pageNumber: view.cursors.length + 1,
    canOlder: nextCursor !== null,
    canNewer: view.cursors.length > 0 && !page.isPlaceholderData,
    applyFilter,
    older,
    newer,
  };
}
