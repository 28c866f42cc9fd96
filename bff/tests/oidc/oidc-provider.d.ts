/**
 * The slice of oidc-provider 9 the OIDC tests use (the package ships no types; @types/oidc-provider would be a
 * lockfile change for four members).
 */
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  interface ProviderAccount {
    accountId: string;
    claims(use: string, scope: string): Record<string, unknown> | Promise<Record<string, unknown>>;
  }

  interface ProviderConfiguration {
    clients?: Record<string, unknown>[];
    pkce?: { required?: (ctx: unknown, client: unknown) => boolean };
    jwks?: { keys: Record<string, unknown>[] };
    cookies?: { keys?: string[] };
    claims?: Record<string, string[]>;
    findAccount?: (
      ctx: unknown,
      id: string,
    ) => ProviderAccount | Promise<ProviderAccount | undefined> | undefined;
    features?: Record<string, { enabled: boolean } & Record<string, unknown>>;
    [key: string]: unknown;
  }

  export default class Provider {
    constructor(issuer: string, configuration?: ProviderConfiguration);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
