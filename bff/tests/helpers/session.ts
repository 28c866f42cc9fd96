import { CSRF_HEADER } from "@pregao/contracts";

/** The demo users (PREGAO_DEMO) and their documented passwords. */
export const demoPasswords = {
  trader: "pregao-trader",
  risk: "pregao-risk",
  viewer: "pregao-viewer",
} as const;
export type DemoUser = keyof typeof demoPasswords;
export const demoUsers = Object.keys(demoPasswords) as DemoUser[];

/** Headers a same-origin SPA request carries (Origin + the CSRF header), plus the session cookie if given. */
export function browserHeaders(origin: string, cookie?: string): Record<string, string> {
  const h: Record<string, string> = { origin, [CSRF_HEADER]: "1", "content-type": "application/json" };
  if (cookie) h.cookie = cookie;
  return h;
}

/** `name=value` of the session cookie in a Set-Cookie list, or undefined. */
export function sessionCookieOf(res: Response): string | undefined {
  const set = res.headers.getSetCookie().find((c) => c.startsWith("__Host-pregao_sid="));
  const pair = set?.split(";")[0];
  return pair && pair !== "__Host-pregao_sid=" ? pair : undefined;
}

/** Logs a demo user in over HTTP and returns the Cookie header value (`__Host-pregao_sid=…`). */
export async function login(
  url: string,
  user: DemoUser | { username: string; password: string },
  cookie?: string,
) {
  const body = typeof user === "string" ? { username: user, password: demoPasswords[user] } : user;
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: browserHeaders(new URL(url).origin, cookie),
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`login ${body.username}: ${res.status} ${await res.text()}`);
  const pair = sessionCookieOf(res);
  if (!pair) throw new Error("login: no session cookie");
  return pair;
}

/** The same against an in-process Hono app (`app.request`). */
export async function loginApp(
  app: { request(path: string, init?: RequestInit): Response | Promise<Response> },
  user: DemoUser,
): Promise<string> {
  const res = await app.request("/api/v1/auth/login", {
    method: "POST",
    headers: { ...browserHeaders("http://localhost"), "sec-fetch-site": "same-origin" },
    body: JSON.stringify({ username: user, password: demoPasswords[user] }),
  });
  const pair = sessionCookieOf(res);
  if (res.status !== 200 || !pair) throw new Error(`login ${user}: ${res.status}`);
  return pair;
}
