import type { APIRequestContext } from "@playwright/test";

/** A panel of a seeded layout (the workspace document's shape; e2e never imports web or contracts source). */
export interface SeedPanel {
  id: string;
  type: string;
  asset?: string;
  linkGroup?: "red" | "green" | "blue" | "yellow";
  watchlist?: string;
}

interface SavedWorkspace {
  revision: number;
  activeLayout: string;
  activeWatchlist: string;
  layouts: { name: string; panels: SeedPanel[]; dock?: unknown }[];
  watchlists: { name: string; assets: string[] }[];
}

/** The logged-in user's workspace as the server has it saved. */
export async function savedWorkspace(request: APIRequestContext): Promise<SavedWorkspace> {
  const res = await request.get("/api/v1/workspace", { timeout: 10_000 });
  if (!res.ok()) throw new Error(`GET workspace → ${res.status()}`);
  return (await res.json()) as SavedWorkspace;
}

/**
 * Replaces the active layout's panels (default arrangement: no saved dock) and, given, the active watchlist's assets,
 * with the context's session (PUT /api/v1/workspace at the revision just read). Reload the page afterwards.
 */
export async function seedLayout(
  request: APIRequestContext,
  origin: string,
  panels: SeedPanel[],
  watchlist?: string[],
): Promise<void> {
  const ws = await savedWorkspace(request);
  const next = {
    ...ws,
    layouts: ws.layouts.map((l) => {
      if (l.name !== ws.activeLayout) return l;
      const { dock: _arrangement, ...rest } = l;
      return { ...rest, panels };
    }),
    watchlists: ws.watchlists.map((w) =>
      w.name === ws.activeWatchlist && watchlist ? { ...w, assets: watchlist } : w,
    ),
  };
  const res = await request.put("/api/v1/workspace", {
    headers: { "x-pregao-csrf": "1", origin },
    data: next,
    timeout: 10_000,
  });
  if (!res.ok()) throw new Error(`PUT workspace → ${res.status()} ${await res.text()}`);
}

/** Where a saved panel stands: its link group and asset (for waiting on the debounced save). */
export async function savedPanel(
  request: APIRequestContext,
  id: string,
): Promise<{ linkGroup: string; asset: string | undefined }> {
  const ws = await savedWorkspace(request);
  const panel = ws.layouts.find((l) => l.name === ws.activeLayout)?.panels.find((p) => p.id === id);
  return { linkGroup: panel?.linkGroup ?? "none", asset: panel?.asset };
}
