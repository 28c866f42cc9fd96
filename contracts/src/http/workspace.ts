import { z } from "zod";
import { assetKeySchema } from "../feed/asset.ts";
import { roleSchema } from "./session.ts";

/** The workspace document version this build writes; older stored documents are upgraded on read (bff/src/workspace). */
export const WORKSPACE_SCHEMA_VERSION = 3;

/** Per-user limits on one workspace document (the BFF also caps its size in bytes: WORKSPACE_MAX_BYTES). */
export const WORKSPACE_LIMITS = {
  layouts: 20,
  panelsPerLayout: 40,
  watchlists: 20,
  /** One socket's subscription cap (MAX_SUBSCRIPTIONS_PER_SOCKET): a list never asks for more. */
  assetsPerWatchlist: 100,
  nameLength: 60,
} as const;

/** Every panel a layout may hold; the ids of web/src/app/panel-registry.ts plus the candle chart. */
export const panelTypeSchema = z.enum([
  "watchlist",
  "order-ticket",
  "risk",
  "ops-health",
  "order-book",
  "time-and-sales",
  "blotter",
  "positions",
  "connection",
  "accounts",
  "chart",
  // Added within version 3: a new member only widens what a document may hold, so stored v3 documents stay valid.
  "audit",
]);
export type PanelType = z.infer<typeof panelTypeSchema>;

const nameSchema = z.string().trim().min(1).max(WORKSPACE_LIMITS.nameLength);

/** One panel instance in a layout; `id` is unique within the layout (several charts are possible). */
export const workspacePanelSchema = z.object({
  id: z.string().min(1).max(WORKSPACE_LIMITS.nameLength),
  type: panelTypeSchema,
  /** The asset an unlinked panel keeps. */
  asset: assetKeySchema.optional(),
  /** Colour link group: panels in one group follow the asset selected in any member. */
  linkGroup: z.enum(["red", "green", "blue", "yellow"]).optional(),
  /** Watchlist panels: the named watchlist shown (absent: the workspace's active watchlist). */
  watchlist: nameSchema.optional(),
});
export type WorkspacePanel = z.infer<typeof workspacePanelSchema>;

/** How deep a dock arrangement may nest (root = depth 1). */
export const DOCK_MAX_DEPTH = 8;

/**
 * One node of a layout's dock arrangement: a branch splits its children along the axis opposite to its parent's
 * (the root's children run along `orientation`); a leaf is a group of tabbed panels. `size` is the node's extent along
 * its parent's axis in CSS pixels as the docking library reported it; the browser rescales sizes to the window.
 */
export type DockNode =
  | { type: "branch"; size: number; children: DockNode[] }
  | { type: "leaf"; size: number; panels: string[]; active?: string };

const dockSizeSchema = z.number().finite().nonnegative().max(100_000);

export const dockNodeSchema: z.ZodType<DockNode> = z
  .lazy(() =>
    z.union([
      z.object({
        type: z.literal("branch"),
        size: dockSizeSchema,
        children: z.array(dockNodeSchema).min(1).max(WORKSPACE_LIMITS.panelsPerLayout),
      }),
      z.object({
        type: z.literal("leaf"),
        size: dockSizeSchema,
        panels: z
          .array(z.string().min(1).max(WORKSPACE_LIMITS.nameLength))
          .min(1)
          .max(WORKSPACE_LIMITS.panelsPerLayout),
        active: z.string().min(1).max(WORKSPACE_LIMITS.nameLength).optional(),
      }),
    ]),
  )
  // The id names the recursive schema, so JSON Schema / OpenAPI generators emit a `$ref` instead of recursing.
  .meta({ id: "DockNode" });

/**
 * A layout's dock geometry, independent of the docking library (web/src/app/dock/ converts it). Every panel id in a
 * leaf names one of the layout's `panels`, at most once; a layout without it is arranged by the browser's default.
 */
export const dockLayoutSchema = z.object({
  orientation: z.enum(["horizontal", "vertical"]),
  root: dockNodeSchema,
});
export type DockLayout = z.infer<typeof dockLayoutSchema>;

export const workspaceLayoutSchema = z.object({
  name: nameSchema,
  /** Set on a role's default layout ("Reset layout" returns to it). */
  role: roleSchema.optional(),
  panels: z.array(workspacePanelSchema).max(WORKSPACE_LIMITS.panelsPerLayout),
  /** Where each panel sits (splits, tab groups, sizes); absent → the default arrangement of `panels`. */
  dock: dockLayoutSchema.optional(),
});
export type WorkspaceLayout = z.infer<typeof workspaceLayoutSchema>;

export const namedWatchlistSchema = z.object({
  name: nameSchema,
  assets: z.array(assetKeySchema).max(WORKSPACE_LIMITS.assetsPerWatchlist),
});
export type NamedWatchlist = z.infer<typeof namedWatchlistSchema>;

export const workspacePreferencesSchema = z.object({
  locale: z.enum(["pt-BR", "en"]).optional(),
  theme: z.enum(["light", "dark", "system"]).optional(),
});
export type WorkspacePreferences = z.infer<typeof workspacePreferencesSchema>;

interface DockIssue {
  path: (string | number)[];
  message: string;
}

/** Depth ≤ DOCK_MAX_DEPTH; every leaf panel id names one of `ids`, at most once in the whole arrangement. */
export function checkDock(
  dock: DockLayout,
  ids: ReadonlySet<string>,
  report: (issue: DockIssue) => void,
): void {
  const seen = new Set<string>();
  const walk = (node: DockNode, path: (string | number)[], depth: number) => {
    if (depth > DOCK_MAX_DEPTH) return report({ path, message: `nested deeper than ${DOCK_MAX_DEPTH}` });
    if (node.type === "branch") {
      node.children.forEach((c, i) => walk(c, [...path, "children", i], depth + 1));
      return;
    }
    node.panels.forEach((id, i) => {
      if (!ids.has(id))
        report({ path: [...path, "panels", i], message: "no panel of this layout has this id" });
      else if (seen.has(id)) report({ path: [...path, "panels", i], message: "panel placed twice" });
      seen.add(id);
    });
    if (node.active !== undefined && !node.panels.includes(node.active))
      report({ path: [...path, "active"], message: "active panel is not in this group" });
  };
  walk(dock.root, ["root"], 1);
}

const duplicate = (names: string[]): number => names.findIndex((n, i) => names.indexOf(n) !== i);

/** The stored document (current version): named layouts and watchlists, the active ones, preferences. */
export const workspaceDocumentSchema = z
  .object({
    schemaVersion: z.literal(WORKSPACE_SCHEMA_VERSION),
    layouts: z.array(workspaceLayoutSchema).min(1).max(WORKSPACE_LIMITS.layouts),
    watchlists: z.array(namedWatchlistSchema).min(1).max(WORKSPACE_LIMITS.watchlists),
    activeLayout: nameSchema,
    activeWatchlist: nameSchema,
    preferences: workspacePreferencesSchema,
  })
  .superRefine((doc, ctx) => {
    const unique = (list: { name: string }[], key: "layouts" | "watchlists") => {
      const i = duplicate(list.map((x) => x.name));
      if (i >= 0) ctx.addIssue({ code: "custom", path: [key, i, "name"], message: "duplicate name" });
    };
    unique(doc.layouts, "layouts");
    unique(doc.watchlists, "watchlists");
    doc.layouts.forEach((l, li) => {
      const i = duplicate(l.panels.map((p) => p.id));
      if (i >= 0)
        ctx.addIssue({
          code: "custom",
          path: ["layouts", li, "panels", i, "id"],
          message: "duplicate panel id",
        });
    });
    doc.layouts.forEach((l, li) => {
      if (l.dock)
        checkDock(l.dock, new Set(l.panels.map((p) => p.id)), (issue) =>
          ctx.addIssue({
            code: "custom",
            path: ["layouts", li, "dock", ...issue.path],
            message: issue.message,
          }),
        );
    });
    doc.watchlists.forEach((w, wi) => {
      const i = duplicate(w.assets);
      if (i >= 0)
        ctx.addIssue({ code: "custom", path: ["watchlists", wi, "assets", i], message: "duplicate asset" });
    });
    if (!doc.layouts.some((l) => l.name === doc.activeLayout))
      ctx.addIssue({ code: "custom", path: ["activeLayout"], message: "no layout has this name" });
    if (!doc.watchlists.some((w) => w.name === doc.activeWatchlist))
      ctx.addIssue({ code: "custom", path: ["activeWatchlist"], message: "no watchlist has this name" });
  });
export type WorkspaceDocument = z.infer<typeof workspaceDocumentSchema>;

/**
 * `GET /api/v1/workspace` answer and `PUT /api/v1/workspace` body. On PUT, `revision` is the revision the client
 * edited (optimistic concurrency: a stale one → 409 WORKSPACE_CONFLICT with the current workspace in `details`); the
 * answer carries the new revision. 0 = nothing saved yet (the role's default).
 */
export const workspaceSchema = workspaceDocumentSchema.and(
  z.object({ revision: z.number().int().nonnegative() }),
);
export type Workspace = z.infer<typeof workspaceSchema>;
