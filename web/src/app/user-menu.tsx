import type { SessionResponse } from "@pregao/contracts";
import { ApiError } from "../lib/api-client.ts";
import { logout } from "../lib/session.ts";
import { useSessionEndStore } from "../lib/session-end-store.ts";
import { ThemeSelect } from "./theme/theme-select.tsx";

/** "Demo Trader · trader" and the Log out button. E2E: getByRole("group", { name: "User" }). */
export function UserMenu({ session }: { session: SessionResponse }) {
  const { user } = session;
  const onLogout = async () => {
    // End first: the dashboard unmounts and its socket closes before the server's LOGGED_OUT echo can arrive.
    useSessionEndStore.getState().end("SIGNED_OUT");
    try {
      const providerLogout = await logout(session.method);
      // OIDC: finish RP-initiated logout at the provider, which sends the browser back here.
      if (providerLogout) window.location.assign(providerLogout);
    } catch (err) {
      const message = err instanceof ApiError ? err.message : String(err);
      useSessionEndStore.getState().setLogoutError(`Log out may not have completed: ${message}`);
    }
  };
  return (
    <div className="user-menu" role="group" aria-label="User">
      <span className="user-name">
        {user.displayName} <span className="user-roles">· {user.roles.join(", ")}</span>
      </span>
      <ThemeSelect />
      <button type="button" className="button" onClick={() => void onLogout()}>
        Log out
      </button>
    </div>
  );
}
