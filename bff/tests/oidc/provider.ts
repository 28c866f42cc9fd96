import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** oidc-provider prints a Node-version warning at import and dev-only notices at runtime: keep test output clean. */
function muteProviderNotices(): () => void {
  /* eslint-disable no-console -- filtering, not logging */
  const { warn, info } = console;
  const quiet =
    (orig: (...a: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (typeof args[0] === "string" && args[0].includes("oidc-provider ")) return;
      orig(...args);
    };
  console.warn = quiet(warn);
  console.info = quiet(info);
  return () => {
    console.warn = warn;
    console.info = info;
  };
  /* eslint-enable no-console */
}

export interface IdpClient {
  clientId: string;
  /** Absent → public client (`token_endpoint_auth_method: none`, PKCE only). */
  clientSecret?: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

/** Claims per login name; the devInteractions login form accepts any name and password. */
export type IdpAccounts = Record<string, Record<string, unknown>>;

export interface RunningIdp {
  issuer: string;
  /** Installs the provider (clients are only known once the BFF's port is). */
  configure(clients: IdpClient[], accounts: IdpAccounts): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (`oidc-provider` 9) on 127.0.0.1, port 0. Listens first so the issuer URL is known before the
 * BFF starts; `configure` then builds the provider with the BFF's redirect URIs. PKCE is required for every client,
 * RP-initiated logout and the dev login/consent pages are on, and `roles` / `pregao_accounts` are released with the
 * `openid` scope (in userinfo: the provider keeps ID tokens minimal for the code flow).
 */
export async function startIdp(): Promise<RunningIdp> {
  const unmute = muteProviderNotices();
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => {
    if (handler) return handler(req, res);
    res.statusCode = 503;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { default: Provider } = await import("oidc-provider");
  const jwk = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  return {
    issuer,
    async configure(clients, accounts) {
      const provider = new Provider(issuer, {
        clients: clients.map((c) => ({
          client_id: c.clientId,
          ...(c.clientSecret
            ? { client_secret: c.clientSecret, token_endpoint_auth_method: "client_secret_basic" }
            : { token_endpoint_auth_method: "none" }),
          redirect_uris: c.redirectUris,
          post_logout_redirect_uris: c.postLogoutRedirectUris,
          grant_types: ["authorization_code"],
          response_types: ["code"],
        })),
        pkce: { required: () => true },
        jwks: { keys: [{ ...jwk, kid: "test-rs256", use: "sig", alg: "RS256" }] },
        cookies: { keys: ["oidc-test-cookie-key"] },
        claims: {
          openid: ["sub", "roles", "pregao_accounts"],
          profile: ["name", "preferred_username"],
          email: ["email"],
        },
        findAccount: (_ctx, id) => ({
          accountId: id,
          claims: () => ({ sub: id, preferred_username: id, ...(accounts[id] ?? {}) }),
        }),
        features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
      });
      handler = provider.callback();
      await Promise.resolve();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      unmute();
    },
  };
}
