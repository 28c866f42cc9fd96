import { create } from "zustand";
import type { SessionEndReason } from "@pregao/contracts";
import { t } from "../i18n/i18n.ts";

/**
 * Why this tab's session ended: the server's `session:ended` reasons, an API/handshake answer of UNAUTHENTICATED, or
 * SIGNED_OUT when the user pressed "Log out" here (so the socket's echo of LOGGED_OUT is not shown as "you were
 * logged out").
 */
export type SessionEndCause = SessionEndReason | "UNAUTHENTICATED" | "SIGNED_OUT";

interface SessionEndState {
  /** Set once per session; the first cause wins (a logout is followed by a disconnect and failed requests). */
  cause: SessionEndCause | null;
  /** Logout failed at the server (the cookie may still be valid); shown on the login page. */
  logoutError: string | null;
  end(cause: SessionEndCause): void;
  setLogoutError(message: string | null): void;
  /** A new session began (login); forget the previous ending. */
  clear(): void;
}

/**
 * Shared by lib/ (API client) and stream/ (socket) so either can end the session; app/ reacts by tearing the dashboard
 * down and routing to the login page. Nothing here touches the saved layout (localStorage).
 */
export const useSessionEndStore = create<SessionEndState>()((set) => ({
  cause: null,
  logoutError: null,
  end: (cause) => set((s) => (s.cause === null ? { cause } : s)),
  setLogoutError: (logoutError) => set({ logoutError }),
  clear: () => set({ cause: null, logoutError: null }),
}));

/** Error codes that mean "this browser has no valid session". */
export const isSessionErrorCode = (code: unknown): code is "UNAUTHENTICATED" | "SESSION_EXPIRED" =>
  code === "UNAUTHENTICATED" || code === "SESSION_EXPIRED";

/** What the login page says about a session that ended; null when there is nothing to say. */
export function sessionEndMessage(cause: SessionEndCause | null): string | null {
  switch (cause) {
    case null:
    case "SIGNED_OUT":
      return null;
    case "LOGGED_OUT":
      return t("sessionEnd.loggedOut");
    case "REVOKED":
      return t("sessionEnd.revoked");
    case "SESSION_EXPIRED":
    case "UNAUTHENTICATED":
      return t("sessionEnd.expired");
  }
}
