import type { Config } from "../../src/env.ts";
import type { AuditEvent } from "../../src/session/index.ts";
import { startTestBff } from "../helpers/clients.ts";

export interface OidcBff {
  url: string;
  /** Audit events the session core and the OIDC routes recorded. */
  audit: AuditEvent[];
  close(): Promise<void>;
}

/** Nothing listens here: the market feed is irrelevant to login, the BFF just keeps retrying it. */
const NO_FEED = "ws://127.0.0.1:9/feed/v1";

/** The real BFF (startBff, port 0) with OIDC settings, its audit events captured. */
export async function startOidcBff(env: Partial<Config>): Promise<OidcBff> {
  const audit: AuditEvent[] = [];
  const bff = await startTestBff(NO_FEED, "t", env, { audit: { record: (e) => audit.push(e) } });
  return { url: bff.url, audit, close: () => bff.close() };
}
