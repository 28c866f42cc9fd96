import * as oidc from "openid-client";
import type { Claims } from "./claims.ts";
import { isLoopbackHttp } from "./config.ts";
import type { PendingFlow } from "./flow-store.ts";

/** What the relying party needs to talk to the provider. */
export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  /** Absent → public client (`token_endpoint_auth_method: none`), PKCE only. */
  clientSecret?: string;
  scopes: string;
  /** Seconds for each request to the provider (discovery, token, userinfo). */
  timeoutSec?: number;
}

/** A provider/network failure (not the user's fault): 503, retryable. */
export class OidcUnavailableError extends Error {
  constructor(cause: unknown) {
    super("identity provider unavailable", { cause });
    this.name = "OidcUnavailableError";
  }
}

/** The authorization response or token exchange failed validation (state, nonce, PKCE, IdP error): 401. */
export class OidcRejectedError extends Error {
  constructor(
    readonly detail: string,
    cause?: unknown,
  ) {
    super(`oidc login rejected: ${detail}`, { cause });
    this.name = "OidcRejectedError";
  }
}

function isNetworkError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === "AbortError" || err.name === "TimeoutError") return true;
  // undici's `fetch failed` (ECONNREFUSED, DNS…) is a TypeError with a cause
  return err instanceof TypeError && /fetch failed/i.test(err.message);
}

/** Short description of a validation error for logs and audit (never tokens). */
function describe(err: unknown): string {
  if (err instanceof oidc.AuthorizationResponseError) return `idp_error:${err.error}`;
  if (err instanceof oidc.ResponseBodyError) return `token_error:${err.error}`;
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    // openid-client wraps the precise oauth4webapi error (e.g. `unexpected "state" response parameter value`)
    const cause = err.cause instanceof Error ? ` (${err.cause.message})` : "";
    return `${typeof code === "string" ? `${code}: ` : ""}${err.message}${cause}`.slice(0, 200);
  }
  return "unknown";
}

/**
 * The relying party: lazy discovery (retried on the next login when the provider was down), authorization URLs with
 * PKCE S256 + state + nonce, the code exchange with all three checks, userinfo, and RP-initiated logout URLs.
 */
export class OidcClient {
  private config: Promise<oidc.Configuration> | undefined;

  constructor(private readonly settings: OidcClientSettings) {}

  /** Discovery, once; a failure is not cached. */
  configuration(): Promise<oidc.Configuration> {
    if (!this.config) {
      const { issuer, clientId, clientSecret, timeoutSec = 10 } = this.settings;
      const auth = clientSecret ? oidc.ClientSecretBasic(clientSecret) : oidc.None();
      const execute = isLoopbackHttp(issuer) ? [oidc.allowInsecureRequests] : [];
      this.config = oidc.discovery(new URL(issuer), clientId, undefined, auth, {
        execute,
        timeout: timeoutSec,
      });
      this.config.catch(() => (this.config = undefined));
    }
    return this.config.catch((err: unknown) => {
      throw new OidcUnavailableError(err);
    });
  }

  /** Starts a login: the URL to send the browser to, and the flow the callback will need. */
  async startLogin(redirectUri: string, returnTo: string): Promise<{ url: URL; flow: PendingFlow }> {
    const config = await this.configuration();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const flow: PendingFlow = {
      codeVerifier,
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      returnTo,
      redirectUri,
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: this.settings.scopes,
      response_type: "code",
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
      state: flow.state,
      nonce: flow.nonce,
    });
    return { url, flow };
  }

  /**
   * Completes a login from the callback's query string: checks state, exchanges the code with the PKCE verifier,
   * validates the ID token (signature, issuer, audience, expiry, nonce), then merges userinfo (same `sub`, checked by
   * openid-client). ID-token claims win over userinfo for the same name.
   */
  async finishLogin(search: string, flow: PendingFlow): Promise<{ claims: Claims; idToken: string }> {
    const config = await this.configuration();
    // The redirect_uri sent to the token endpoint is derived from this URL: use the one the flow started with, not
    // the internal URL the request reached us on (proxies).
    const currentUrl = new URL(flow.redirectUri);
    currentUrl.search = search;
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      if (isNetworkError(err)) throw new OidcUnavailableError(err);
      throw new OidcRejectedError(describe(err), err);
    }
    const idClaims = tokens.claims();
    const idToken = tokens.id_token;
    if (!idClaims || !idToken) throw new OidcRejectedError("no id_token");
    let userinfo: Claims = {};
    if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
      try {
        userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      } catch (err) {
        if (isNetworkError(err)) throw new OidcUnavailableError(err);
        throw new OidcRejectedError(describe(err), err);
      }
    }
    return { claims: { ...userinfo, ...idClaims }, idToken };
  }

  /**
   * The provider's logout URL (RP-initiated logout) with `id_token_hint` and `post_logout_redirect_uri`, or
   * undefined when the provider has no `end_session_endpoint`.
   */
  async endSessionUrl(idTokenHint: string, postLogoutRedirectUri: string): Promise<URL | undefined> {
    const config = await this.configuration();
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return oidc.buildEndSessionUrl(config, {
      id_token_hint: idTokenHint,
      post_logout_redirect_uri: postLogoutRedirectUri,
    });
  }
}
