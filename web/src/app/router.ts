import { useSyncExternalStore } from "react";

/**
 * The app's two routes need no router library: the path lives in `window.location`, `navigate` uses the History API
 * and components re-render through `useSyncExternalStore`. Back/forward work (popstate).
 */
const CHANGE = "pregao:navigate";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** The current path + query string, e.g. `/login?next=%2F`. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, snapshot);
}

export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.dispatchEvent(new Event(CHANGE));
}

export const LOGIN_PATH = "/login";

export const isLoginPath = (location: string): boolean =>
  new URL(location, "http://x").pathname === LOGIN_PATH;

/** `/login?next=<where the user was>`; the dashboard root needs no `next`. */
export function loginUrlFor(location: string): string {
  const next = isLoginPath(location) ? safeNext(location) : location;
  return next === "/" ? LOGIN_PATH : `${LOGIN_PATH}?next=${encodeURIComponent(next)}`;
}

/**
 * Where to go after login: the `next` parameter when it is a same-origin path, else `/`. Anything else (`//evil`,
 * `https://…`, `/login` itself) would be an open redirect or a loop.
 */
export function safeNext(location: string): string {
  const next = new URL(location, "http://x").searchParams.get("next");
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return isLoginPath(next) ? "/" : next;
}
