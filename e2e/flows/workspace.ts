import type { APIRequestContext } from "@playwright/test";
import type { DemoUser } from "../fixtures/users.ts";

/**
 * Puts `user`'s server-side workspace back to their role's default (`DELETE /api/v1/workspace`) with the context's
 * session cookie, logging in over the API first when the test ended logged out. Workspaces outlive a test (the
 * worker's BFF keeps them), so the next test of the worker starts from the default, as it did with localStorage.
 */
export async function resetWorkspace(
  request: APIRequestContext,
  origin: string,
  user: DemoUser,
): Promise<void> {
  const headers = { "x-pregao-csrf": "1", origin };
  const reset = () => request.delete("/api/v1/workspace", { headers, timeout: 10_000 });
  if ((await reset()).status() !== 401) return;
  const login = await request.post("/api/v1/auth/login", {
    headers,
    data: { username: user.username, password: user.password },
  });
  if (!login.ok()) throw new Error(`workspace reset: login ${user.username} → ${login.status()}`);
  const res = await reset();
  if (!res.ok()) throw new Error(`workspace reset: ${res.status()}`);
}

/** The assets of the active watchlist as the server has them saved (for waiting on a debounced save). */
export async function savedWatchlist(request: APIRequestContext): Promise<string[]> {
  const res = await request.get("/api/v1/workspace", { timeout: 10_000 });
  const ws = (await res.json()) as {
    activeWatchlist: string;
    watchlists: { name: string; assets: string[] }[];
  };
  return ws.watchlists.find((w) => w.name === ws.activeWatchlist)?.assets ?? [];
}

/** Logs `user` in on a throwaway API context and reads their workspace, so the BFF's store is open before any test. */
export async function warmWorkspace(
  request: { newContext(opts: { baseURL: string }): Promise<APIRequestContext> },
  baseUrl: string,
  user: DemoUser,
): Promise<void> {
  const api = await request.newContext({ baseURL: baseUrl });
  try {
    const headers = { "x-pregao-csrf": "1", origin: baseUrl };
    const login = await api.post("/api/v1/auth/login", {
      headers,
      data: { username: user.username, password: user.password },
    });
    if (!login.ok()) throw new Error(`workspace warm-up: login ${user.username} → ${login.status()}`);
    const res = await api.get("/api/v1/workspace", { timeout: 45_000 });
    if (!res.ok()) throw new Error(`workspace warm-up: ${res.status()}`);
  } finally {
    await api.dispose();
  }
}
