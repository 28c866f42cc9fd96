import type { Context } from "hono";
import { type AssetInfo, type InstrumentsResponse } from "@pregao/contracts";
import type { AppEnv } from "../../app-env.ts";
import { HttpError } from "../../lib/http-error.ts";
import { routeApp } from "../route-app.ts";
import { instrumentsDefs } from "./defs.ts";
import { buildIndex, searchPage, type CatalogIndex } from "./search.ts";

export interface InstrumentsDeps {
  catalog: {
    readonly known: boolean;
    list(): AssetInfo[];
    /** One asset's info; absent (test fakes) → found in `list()`. */
    get?(asset: string): AssetInfo | undefined;
    /** Changes whenever the content does (upstream/instruments.ts); absent (test fakes) → the list is read once. */
    readonly version?: number;
  };
}

/** Whether `If-None-Match` names `etag` (a list, weak or strong, or `*`). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}

/**
 * Revalidation: the ETag is the catalog's content hash, so every URL (search, page, lookup, one asset) answers 304
 * until the catalog changes. Private (behind the session), and always revalidated.
 */
function unchanged(c: Context<AppEnv>, index: CatalogIndex): boolean {
  c.header("ETag", index.etag);
  c.header("Cache-Control", "private, no-cache");
  return matches(c.req.header("if-none-match"), index.etag);
}

/**
 * `GET /api/v1/instruments` — search (`q`), paging (`limit`, `cursor`) or a lookup (`assets`) — and
 * `GET /api/v1/instruments/:asset`. Every answer is one bounded page; the whole catalog is never sent at once.
 */
export const instrumentsRoute = (deps: InstrumentsDeps) => {
  let cached: { version: number | undefined; index: CatalogIndex } | null = null;
  const current = (): CatalogIndex => {
    if (!deps.catalog.known)
      throw new HttpError(503, "UPSTREAM_UNAVAILABLE", "instrument list not available yet");
    const version = deps.catalog.version;
    if (!cached || cached.version !== version) cached = { version, index: buildIndex(deps.catalog.list()) };
    return cached.index;
  };
  return routeApp()
    .openapi(instrumentsDefs.search, (c) => {
      const index = current();
      if (unchanged(c, index)) return c.body(null, 304);
      const query = c.req.valid("query");
      const body: InstrumentsResponse = query.assets
        ? {
            instruments: query.assets.flatMap((a) => index.byAsset.get(a) ?? []),
            nextCursor: null,
          }
        : searchPage(index, query.q ?? "", query.limit, query.cursor);
      return c.json(body, 200);
    })
    .openapi(instrumentsDefs.one, (c) => {
      const index = current();
      const { asset } = c.req.valid("param");
      const info = index.byAsset.get(asset);
      if (!info) throw new HttpError(404, "UNKNOWN_ASSET", `unknown asset ${asset}`, "asset");
      if (unchanged(c, index)) return c.body(null, 304);
      return c.json(info, 200);
    });
};
