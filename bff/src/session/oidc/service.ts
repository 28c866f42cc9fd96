import type { Logger } from "../../lib/logger.ts";
import type { AuditSink } from "../audit-sink.ts";
import type { SessionService } from "../session-service.ts";
import { OidcClient } from "./client.ts";
import type { OidcSettings } from "./config.ts";
import { MemoryFlowStore, type PendingFlowStore } from "./flow-store.ts";

/** What the OIDC routes need from the session core (the real SessionService satisfies it). */
export type OidcSessions = Pick<
  SessionService,
  "login" | "resolve" | "logout" | "cookie" | "cookieMaxAgeSec"
>;

export interface OidcDeps {
  settings: OidcSettings;
  sessions: OidcSessions;
  audit: AuditSink;
  logger: Logger;
  /**
   * The origin browsers use (`https://pregao.example`), for the default redirect and post-logout URIs. Unset → the
   * origin of the incoming request (fine on loopback and when the BFF is reached directly; set OIDC_REDIRECT_URI
   * behind a proxy).
   */
  publicOrigin?: string;
  /** Pending-flow storage; in-process by default (one BFF instance). */
  flows?: PendingFlowStore;
  /** Injected in tests; built from `settings` otherwise. */
  client?: OidcClient;
}

/**
 * The OIDC service: the provider client, the pending flows and what the routes (routes/oidc/), the session logout and
 * the providers route ask of it. It knows nothing of HTTP routing.
 */
export interface Oidc extends Readonly<Omit<OidcDeps, "flows" | "client">> {
  readonly client: OidcClient;
  readonly flows: PendingFlowStore;
  /** The provider's logout URL for an OIDC session's ID token, or undefined (no end_session_endpoint / unreachable). */
  endSessionUrl(idTokenHint: string, origin: string): Promise<string | undefined>;
}

export function createOidc(deps: OidcDeps): Oidc {
  const client =
    deps.client ??
    new OidcClient({
      issuer: deps.settings.issuer,
      clientId: deps.settings.clientId,
      scopes: deps.settings.scopes,
      ...(deps.settings.clientSecret ? { clientSecret: deps.settings.clientSecret } : {}),
    });
  const endSessionUrl = async (idTokenHint: string, origin: string) => {
    const postLogout = deps.settings.postLogoutRedirectUri ?? `${deps.publicOrigin ?? origin}/`;
    try {
      return (await client.endSessionUrl(idTokenHint, postLogout))?.href;
    } catch (err) {
      deps.logger.warn({ err: String(err) }, "oidc: no end_session URL; local logout only");
      return undefined;
    }
  };
  return { ...deps, client, flows: deps.flows ?? new MemoryFlowStore(), endSessionUrl };
}
