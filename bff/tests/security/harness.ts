import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io } from "socket.io-client";
import { CSRF_HEADER } from "@pregao/contracts";
import type { Config } from "../../src/env.ts";
import type { RunningBff } from "../../src/server.ts";
import { startTestBff, type ClientSocket } from "../helpers/clients.ts";
import { FakeFeed } from "../helpers/fake-feed.ts";

export const demo = {
  trader: "pregao-trader",
  risk: "pregao-risk",
  viewer: "pregao-viewer",
} as const;
export type DemoUser = keyof typeof demo;

export interface SecureStack {
  feed: FakeFeed;
  bff: RunningBff;
  url: string;
  /** The BFF's own origin (in the default allowlist). */
  origin: string;
  auditFile: string;
  auditLines(): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** A real BFF (demo users, temp audit file) over the fake feed, on port 0. */
export async function startSecureStack(extra: Partial<Config> = {}): Promise<SecureStack> {
  const feed = await FakeFeed.start();
  const auditFile = join(mkdtempSync(join(tmpdir(), "pregao-sec-")), "audit.jsonl");
  const bff = await startTestBff(feed.url, "t", { PREGAO_DEMO: true, AUDIT_LOG_FILE: auditFile, ...extra });
  return {
    feed,
    bff,
    url: bff.url,
    origin: bff.url,
    auditFile,
    auditLines: () => {
      bff.audit.flushSync(); // the sink writes asynchronously: hand over what is queued before reading
      return readFileSync(auditFile, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    close: async () => {
      await bff.close();
      await feed.close();
    },
  };
}

/** The headers the SPA's fetches carry (same-origin fetch metadata + the custom CSRF header). */
export const spaHeaders = (origin: string, cookie?: string): Record<string, string> => ({
  origin,
  "sec-fetch-site": "same-origin",
  [CSRF_HEADER]: "1",
  "content-type": "application/json",
  ...(cookie ? { cookie } : {}),
});

/** `name=value` of the session cookie in a response, if it set one. */
export function sessionCookieOf(res: Response): string | undefined {
  const set = res.headers
    .getSetCookie()
    .find((c) => c.startsWith("__Host-pregao_sid=") && !c.includes("Max-Age=0"));
  return set?.split(";")[0];
}

export async function login(s: SecureStack, username: string, password: string): Promise<Response> {
  return fetch(`${s.url}/api/v1/auth/login`, {
    method: "POST",
    headers: spaHeaders(s.origin),
    body: JSON.stringify({ username, password }),
  });
}

/** Logs a demo user in and returns the `Cookie` header value. */
export async function loginAs(s: SecureStack, user: DemoUser): Promise<string> {
  const res = await login(s, user, demo[user]);
  const cookie = sessionCookieOf(res);
  if (res.status !== 200 || !cookie) throw new Error(`login ${user} → ${res.status}`);
  return cookie;
}

/** A socket.io client as a browser on `origin` carrying `cookie` would open it. */
export async function connectWith(
  url: string,
  cookie: string | undefined,
  origin: string,
): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, {
    path: "/socket.io",
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: { origin, ...(cookie ? { cookie } : {}) },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}
