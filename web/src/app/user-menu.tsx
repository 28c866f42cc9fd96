import type { SessionResponse } from "@pregao/contracts";
import { errorText } from "../i18n/error-text.ts";
import { t as translate } from "../i18n/i18n.ts";
import { LanguageSelect } from "../i18n/language-select.tsx";
import { useT } from "../i18n/use-t.ts";
import { logout } from "../lib/session.ts";
import { useSessionEndStore } from "../lib/session-end-store.ts";
import { ThemeSelect } from "./theme/theme-select.tsx";

/** "Demo Trader · trader" and the Log out button. E2E: getByRole("group", { name: "User" }). */
export function UserMenu({ session }: { session: SessionResponse }) {
  const { user } = session;
  const t = useT();
  const onLogout = async () => {
    // End first: the dashboard unmounts and its socket closes before the server's LOGGED_OUT echo can arrive.
    useSessionEndStore.getState().end("SIGNED_OUT");
    try {
      const providerLogout = await logout(session.method);
      // OIDC: finish RP-initiated logout at the provider, which sends the browser back here.
      if (providerLogout) window.location.assign(providerLogout);
    } catch (err) {
      // Shown on the login page, after this menu unmounted; worded in the language at the time.
      useSessionEndStore
        .getState()
        .setLogoutError(translate("app.logoutIncomplete", { message: errorText(err) }));
    }
  };
  return (
    <div className="user-menu" role="group" aria-label={t("app.user")}>
      <span className="user-name">
        {user.displayName} <span className="user-roles">· {user.roles.join(", ")}</span>
      </span>
      <LanguageSelect />
      <ThemeSelect />
      <button type="button" className="button" onClick={() => void onLogout()}>
        {t("app.logOut")}
      </button>
    </div>
  );
}
