import { z } from "zod";
import { assetKeySchema } from "../feed/asset.ts";
import { roleSchema } from "./session.ts";

/** The workspace document version this build writes; older stored documents are upgraded on read (bff/src/workspace). */
export const WORKSPACE_SCHEMA_VERSION = 2;

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

export const workspaceLayoutSchema = z.object({
  name: nameSchema,
  /** Set on a role's default layout ("Reset layout" returns to it). */
  role: roleSchema.optional(),
  panels: z.array(workspacePanelSchema).max(WORKSPACE_LIMITS.panelsPerLayout),
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
