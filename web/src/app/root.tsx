import { useEffect } from "react";
import { useQuery } from "@tanstack/react-query";
import { errorText } from "../i18n/error-text.ts";
import { useT } from "../i18n/use-t.ts";
import { sessionQueryOptions } from "../lib/session.ts";
import { LoginPage } from "./login-page.tsx";
import { isLoginPath, loginUrlFor, navigate, safeNext, useLocation } from "./router.ts";
import { Shell } from "./shell.tsx";
import { useSessionEnd } from "./use-session-end.ts";
import "./login.css";

/** Routes by session: no session → the login page (URL `/login?next=…`); a session → the dashboard. */
export function Root() {
  const t = useT();
  const location = useLocation();
  const session = useQuery(sessionQueryOptions());
  useSessionEnd();
  const onLogin = isLoginPath(location);

  useEffect(() => {
    if (session.data === null && !onLogin) navigate(loginUrlFor(location), { replace: true });
    else if (session.data && onLogin) navigate(safeNext(location), { replace: true });
  }, [session.data, onLogin, location]);

  if (session.isPending) {
    return (
      <p className="app-splash" role="status">
        {t("common.loading")}
      </p>
    );
  }
  if (session.isError && !session.data) {
    return (
      <div className="app-splash" role="alert">
        <p>{t("app.cannotReachServer", { message: errorText(session.error) })}</p>
        <button type="button" className="button" onClick={() => void session.refetch()}>
          {t("common.retry")}
        </button>
      </div>
    );
  }
  if (!session.data) return <LoginPage />;
  return <Shell session={session.data} />;
}
