import type { SessionUser } from "@pregao/contracts";
import { ApiError } from "../lib/api-client.ts";
import { logout } from "../lib/session.ts";
import { useSessionEndStore } from "../lib/session-end-store.ts";

/** "Demo Trader · trader" and the Log out button. E2E: getByRole("group", { name: "User" }). */
export function UserMenu({ user }: { user: SessionUser }) {
  const onLogout = async () => {
    // End first: the dashboard unmounts and its socket closes before the server's LOGGED_OUT echo can arrive.
    useSessionEndStore.getState().end("SIGNED_OUT");
    try {
      await logout();
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
      <button type="button" className="button" onClick={() => void onLogout()}>
        Log out
      </button>
    </div>
  );
}
