import {
  assetKeySchema,
  roleDefaultLayout,
  primaryRole,
  WORKSPACE_LIMITS,
  WORKSPACE_SCHEMA_VERSION,
  workspaceDocumentSchema,
  LINKED_PANEL_TYPES,
  panelTypeSchema,
  type PanelType,
  type Role,
  type WorkspaceDocument,
} from "@pregao/contracts";

/** The first-run watchlist: liquid B3 stocks plus the mini index and mini dollar futures. */
export const DEFAULT_ASSETS: readonly string[] = [
  "PETR4:B",
  "VALE3:B",
  "ITUB4:B",
  "BBDC4:B",
  "ABEV3:B",
  "WEGE3:B",
  "WINZ26:F",
  "WDOZ26:F",
];
export const DEFAULT_WATCHLIST_NAME = "Main";

/** Role defaults (layouts with their arrangement) live in contracts: the browser's "Reset layout" uses them too. */
export { LINKED_PANEL_TYPES, primaryRole, roleDefaultLayout as defaultLayout };

/** A user's workspace before they save anything: their role's default layout and the default watchlist. */
export function defaultWorkspace(roles: readonly Role[]): WorkspaceDocument {
  const role = primaryRole(roles);
  return {
    schemaVersion: WORKSPACE_SCHEMA_VERSION,
    layouts: [roleDefaultLayout(role)],
    watchlists: [{ name: DEFAULT_WATCHLIST_NAME, assets: [...DEFAULT_ASSETS] }],
    activeLayout: "Default",
    activeWatchlist: DEFAULT_WATCHLIST_NAME,
    preferences: {},
  };
}

/** Thrown when a stored document cannot be read as any known version (the route answers 500: a server fault). */
export class WorkspaceDocumentError extends Error {
  readonly code = "WORKSPACE_DOCUMENT_INVALID";
  constructor(message: string) {
    super(message);
    this.name = "WorkspaceDocumentError";
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/**
 * v1 (the browser's old `pregao.watchlist.v1` shape): one unnamed list of assets, `{ schemaVersion: 1, watchlist }`
 * (or the bare array). v2 names it "Main", adds the role's default layout and empty preferences. Invalid or
 * duplicate assets are dropped, as the browser did when it read localStorage.
 */
function v1ToV2(doc: unknown, roles: readonly Role[]): unknown {
  const list = Array.isArray(doc) ? doc : isRecord(doc) && Array.isArray(doc.watchlist) ? doc.watchlist : [];
  const valid = list.filter((a): a is string => assetKeySchema.safeParse(a).success);
  const assets = [...new Set(valid)].slice(0, WORKSPACE_LIMITS.assetsPerWatchlist);
  return {
    ...defaultWorkspace(roles),
    schemaVersion: 2,
    watchlists: [{ name: DEFAULT_WATCHLIST_NAME, assets }],
  };
}

/**
 * v2 → v3 (link groups): a watchlist, chart, book, tape or ticket panel with neither a link group nor its own asset
 * joins the blue group, so it keeps following the asset clicked elsewhere as every panel did before groups existed.
 * Layouts without `dock` stay so: the browser arranges them by default.
 */
function v2ToV3(doc: unknown): unknown {
  if (!isRecord(doc) || !Array.isArray(doc.layouts)) return doc; // the schema check names what is wrong
  const layouts = doc.layouts.map((layout: unknown) => {
    if (!isRecord(layout) || !Array.isArray(layout.panels)) return layout;
    const panels = layout.panels.map((p: unknown) =>
      isRecord(p) &&
      LINKED_PANEL_TYPES.has(p.type as PanelType) &&
      p.linkGroup === undefined &&
      p.asset === undefined
        ? { ...p, linkGroup: "blue" }
        : p,
    );
    return { ...layout, panels };
  });
  return { ...doc, schemaVersion: 3, layouts };
}

const knownPanelTypes = new Set<string>(panelTypeSchema.options);

/**
 * A panel type this release does not know comes from a newer one (a new panel is added within the schema version,
 * e.g. "audit"): during a rolling deploy an older instance may read a document a newer one saved. Such panels are
 * left out of what this instance serves, with their layout's arrangement (the browser arranges the rest by default),
 * instead of failing the whole workspace with a 500. The stored document is not changed by reading it.
 */
function withoutUnknownPanels(doc: unknown): unknown {
  if (!isRecord(doc) || !Array.isArray(doc.layouts)) return doc;
  const layouts = doc.layouts.map((layout: unknown) => {
    if (!isRecord(layout) || !Array.isArray(layout.panels)) return layout;
    const panels = layout.panels.filter(
      (p: unknown) => !(isRecord(p) && typeof p.type === "string" && !knownPanelTypes.has(p.type)),
    );
    if (panels.length === layout.panels.length) return layout;
    const { dock: _dropped, ...rest } = layout;
    return { ...rest, panels };
  });
  return { ...doc, layouts };
}

/** One step per version: `steps[n]` upgrades a version-n document to n+1. */
const steps: Readonly<Record<number, (doc: unknown, roles: readonly Role[]) => unknown>> = {
  1: v1ToV2,
  2: v2ToV3,
};

const versionOf = (doc: unknown): number =>
  Array.isArray(doc) ? 1 : isRecord(doc) && typeof doc.schemaVersion === "number" ? doc.schemaVersion : 0;

/**
 * Upgrades a stored document of any known version to the current one and validates it. `roles` fill in what older
 * versions lacked (the role's default layout).
 */
export function upgradeWorkspace(doc: unknown, roles: readonly Role[]): WorkspaceDocument {
  let version = versionOf(doc);
  let current = doc;
  while (version < WORKSPACE_SCHEMA_VERSION) {
    const step = steps[version];
    if (!step) throw new WorkspaceDocumentError(`no migration from workspace schema version ${version}`);
    current = step(current, roles);
    version += 1;
  }
  const parsed = workspaceDocumentSchema.safeParse(withoutUnknownPanels(current));
  if (!parsed.success) throw new WorkspaceDocumentError(`stored workspace invalid: ${parsed.error.message}`);
  return parsed.data;
}
