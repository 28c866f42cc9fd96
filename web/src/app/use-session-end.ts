import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../lib/query-keys.ts";
import { useSessionEndStore } from "../lib/session-end-store.ts";
import { LOGIN_PATH, loginUrlFor, navigate } from "./router.ts";

/**
 * When the API client or the socket reports that the session ended: forget the session and every per-user query
 * (the next user must not see this one's accounts), which unmounts the dashboard and stops the stream, and route to
 * the login page with `next` set so re-login returns here. The saved layout (localStorage) is left alone.
 */
export function useSessionEnd(): void {
  const queryClient = useQueryClient();
  const cause = useSessionEndStore((s) => s.cause);
  useEffect(() => {
    if (cause === null || !queryClient.getQueryData(queryKeys.session.current)) return;
    void queryClient.cancelQueries();
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.session.current[0] });
    queryClient.setQueryData(queryKeys.session.current, null);
    const here = window.location.pathname + window.location.search;
    navigate(cause === "SIGNED_OUT" ? LOGIN_PATH : loginUrlFor(here), { replace: true });
  }, [cause, queryClient]);
}
