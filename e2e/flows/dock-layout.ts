import type { APIRequestContext } from "@playwright/test";

interface DockNode {
  type: "branch" | "leaf";
  panels?: string[];
  children?: DockNode[];
}

/** The saved arrangement of the active layout as panel-id groups (for waiting on the debounced save). */
export async function savedGroups(request: APIRequestContext): Promise<string[][]> {
  const res = await request.get("/api/v1/workspace", { timeout: 10_000 });
  const ws = (await res.json()) as {
    activeLayout: string;
    layouts: { name: string; dock?: { root: DockNode } }[];
  };
  const root = ws.layouts.find((l) => l.name === ws.activeLayout)?.dock?.root;
  const walk = (n: DockNode): string[][] =>
    n.type === "leaf" ? [n.panels ?? []] : (n.children ?? []).flatMap(walk);
  return root ? walk(root) : [];
}
