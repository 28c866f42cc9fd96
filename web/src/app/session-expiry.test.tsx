import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { permissionsOf, type SessionResponse } from "@pregao/contracts";
import type * as SocketClient from "../stream/socket-client.ts";

const stopStream = vi.fn();
const startStream = vi.fn(() => stopStream);
vi.mock("../stream/socket-client.ts", async (importOriginal) => ({
  ...(await importOriginal<typeof SocketClient>()),
  startStream: () => startStream(),
}));

const { App } = await import("./app.tsx");

/** Lazy panel chunks + mocked fetches; generous for a loaded CI machine. */
const SLOW = { timeout: 5000 };
const session: SessionResponse = {
  user: {
    id: "demo-trader",
    username: "trader",
    displayName: "Demo Trader",
    roles: ["trader"],
    accounts: [{ brokerId: 308, accountId: "10001" }],
  },
  permissions: permissionsOf(["trader"]),
  expiresAt: Date.now() + 3_600_000,
  idleExpiresAt: Date.now() + 1_800_000,
  method: "password",
};
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const expired = () => json(401, { error: { code: "SESSION_EXPIRED", message: "session expired" } });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("session expiry", () => {
  it(
    "routes to login with a notice, keeps the saved layout, and returns to the dashboard after re-login",
    { timeout: 20_000 },
    async () => {
      // The saved watchlist lives in the user's server-side workspace (never in localStorage).
      const layout = ["VALE3:B", "WINZ26:F", "PETR4:B"];
      const workspace = {
        schemaVersion: 3,
        revision: 3,
        layouts: [
          {
            name: "Default",
            panels: [
              { id: "watchlist", type: "watchlist" },
              { id: "accounts", type: "accounts" },
            ],
          },
        ],
        watchlists: [{ name: "Main", assets: layout }],
        activeLayout: "Default",
        activeWatchlist: "Main",
        preferences: {},
      };
      window.history.replaceState(null, "", "/");
      // The first accounts call finds the session expired (as if the idle timeout passed); after re-login it works.
      let accountsCalls = 0;
      const fetchMock = vi.fn((url: string, init?: RequestInit) => {
        if (url === "/api/v1/session") return Promise.resolve(json(200, session));
        if (url === "/api/v1/instruments") return Promise.resolve(json(200, { instruments: [] }));
        if (url === "/api/v1/workspace") return Promise.resolve(json(200, workspace));
        if (url === "/api/v1/auth/providers")
          return Promise.resolve(json(200, { password: true, oidc: { enabled: false } }));
        if (url === "/api/v1/accounts")
          return Promise.resolve(
            accountsCalls++ === 0
              ? expired()
              : json(200, {
                  accounts: [{ brokerId: 308, accountId: "10001", owner: "trader", brokerName: "Demo" }],
                }),
          );
        if (url === "/api/v1/auth/login" && init?.method === "POST")
          return Promise.resolve(json(200, session));
        return Promise.resolve(json(404, { error: { code: "NOT_FOUND", message: url } }));
      });
      vi.stubGlobal("fetch", fetchMock);

      render(<App />);

      const notice = await screen.findByText("Session expired — log in again", {}, SLOW);
      expect(notice.getAttribute("role")).toBe("alert");
      expect(window.location.pathname).toBe("/login");
      expect(screen.queryByRole("region", { name: "Watchlist" })).toBeNull();
      expect(startStream).toHaveBeenCalledTimes(1);
      expect(stopStream).toHaveBeenCalledTimes(1);

      fireEvent.change(screen.getByLabelText("Username"), { target: { value: "trader" } });
      fireEvent.change(screen.getByLabelText("Password"), { target: { value: "pregao-trader" } });
      await act(async () => {
        fireEvent.submit(screen.getByRole("form", { name: "Log in" }));
      });

      const watchlist = await screen.findByRole("region", { name: "Watchlist" }, SLOW);
      expect(window.location.pathname).toBe("/");
      await waitFor(
        () => expect(within(watchlist).getAllByRole("row").length).toBeGreaterThan(layout.length),
        SLOW,
      );
      const rows = within(watchlist)
        .getAllByRole("row")
        .slice(1)
        .map((r) => r.textContent ?? "");
      expect(rows.map((t) => layout.find((a) => t.includes(a)))).toEqual(layout);
      expect(localStorage.getItem("pregao.watchlist.v1")).toBeNull();
      expect(screen.queryByText("Session expired — log in again")).toBeNull();
      expect(await screen.findByRole("table", { name: "Your accounts" }, SLOW)).toBeTruthy();
      expect(screen.getByRole("group", { name: "User" }).textContent).toContain("Demo Trader · trader");
      expect(startStream).toHaveBeenCalledTimes(2);
    },
  );
});
