import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { SessionResponse } from "@pregao/contracts";
import { useT } from "../i18n/use-t.ts";
import { queryKeys } from "../lib/query-keys.ts";
import { providersQueryOptions, ssoHref } from "../lib/session.ts";
import { sessionEndMessage, useSessionEndStore } from "../lib/session-end-store.ts";
import { LoginForm } from "./login-form.tsx";
import { navigate, safeNext } from "./router.ts";

/** `/login`: why the last session ended (if it did), the password form, and SSO when the BFF offers it. */
export function LoginPage() {
  const t = useT();
  const queryClient = useQueryClient();
  const cause = useSessionEndStore((s) => s.cause);
  const logoutError = useSessionEndStore((s) => s.logoutError);
  const providers = useQuery(providersQueryOptions());
  const notice = sessionEndMessage(cause);
  const loginUrl = providers.data?.oidc.enabled ? providers.data.oidc.loginUrl : undefined;
  const sso = loginUrl
    ? ssoHref(loginUrl, safeNext(window.location.pathname + window.location.search))
    : undefined;
  // Until the providers answer, assume the password form (the embedded default).
  const passwordEnabled = providers.data?.password ?? true;

  const onLoggedIn = (session: SessionResponse) => {
    useSessionEndStore.getState().clear();
    queryClient.setQueryData(queryKeys.session.current, session);
    navigate(safeNext(window.location.pathname + window.location.search), { replace: true });
  };

  return (
    <main className="login-page">
      <div className="login-card">
        <h1 className="brand login-brand">Pregão</h1>
        {notice && (
          <div className="login-notice" role="alert">
            {notice}
          </div>
        )}
        {logoutError && (
          <div className="login-notice login-notice-error" role="alert">
            {logoutError}
          </div>
        )}
        {passwordEnabled && <LoginForm onLoggedIn={onLoggedIn} />}
        {sso && (
          <a className="button login-sso" href={sso}>
            {t("login.sso")}
          </a>
        )}
      </div>
    </main>
  );
}
