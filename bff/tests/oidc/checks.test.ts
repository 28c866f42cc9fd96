import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppEnv } from "../../src/app-env.ts";
import { silentLogger } from "../../src/lib/logger.ts";
import { oidcRoute } from "../../src/routes/oidc/index.ts";
import { MemorySessionStore, SessionService, type AuditEvent } from "../../src/session/index.ts";
import { createOidc, MemoryFlowStore, type PendingFlow } from "../../src/session/oidc/index.ts";
import { Browser, signInAt } from "./browser.ts";
import { startIdp, type RunningIdp } from "./provider.ts";

/** Flows as stored, altered on the way out: what an attacker who swapped one value of the flow would get. */
class TamperingFlowStore extends MemoryFlowStore {
  tamper: ((f: PendingFlow) => PendingFlow) | undefined;
  override async take(id: string) {
    const flow = await super.take(id);
    return flow && this.tamper ? this.tamper(flow) : flow;
  }
}

/**
 * The checks behind state: the PKCE verifier and the ID-token nonce. The browser cannot alter them (they never leave
 * the server), so the OIDC routes are mounted on a bare Hono app whose flow store can.
 */
describe("PKCE verifier and nonce are enforced", () => {
  let idp: RunningIdp;
  let server: ReturnType<typeof serve>;
  let url: string;
  const flows = new TamperingFlowStore();
  const audit: AuditEvent[] = [];
  const sessions = new SessionService({
    store: new MemorySessionStore(),
    idleMs: 60_000,
    absoluteMs: 600_000,
  });

  beforeAll(async () => {
    idp = await startIdp();
    const oidc = createOidc({
      settings: {
        issuer: idp.issuer,
        clientId: "checks",
        scopes: "openid",
        mapping: { roleClaim: "roles", roleMap: null, accountsClaim: "pregao_accounts" },
      },
      sessions,
      audit: { record: (e) => audit.push(e) },
      logger: silentLogger,
      flows,
    });
    const app = new Hono<AppEnv>().use(requestId()).route("/", oidcRoute(oidc));
    server = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await idp.configure(
      [
        {
          clientId: "checks",
          redirectUris: [`${url}/api/v1/auth/oidc/callback`],
          postLogoutRedirectUris: [],
        },
      ],
      { ana: { roles: ["viewer"] } },
    );
  });
  afterAll(async () => {
    server?.close();
    await sessions.close();
    await idp?.close();
  });

  it("accepts the untouched flow (control)", async () => {
    flows.tamper = undefined;
    const { callback } = await signInAt(new Browser(), url, "ana");
    expect(callback.status).toBe(302);
  });

  it("a different code_verifier: the provider refuses the code (invalid_grant) → 401", async () => {
    flows.tamper = (f) => ({ ...f, codeVerifier: `${f.codeVerifier.slice(1)}x` });
    const { callback } = await signInAt(new Browser(), url, "ana");
    expect(callback.status).toBe(401);
    expect(callback.headers.getSetCookie().some((c) => c.startsWith("__Host-pregao_sid="))).toBe(false);
    expect(audit.at(-1)).toMatchObject({ type: "login.failure", reason: "token_error:invalid_grant" });
  });

  it("a different nonce: the ID token is refused → 401", async () => {
    flows.tamper = (f) => ({ ...f, nonce: "not-the-nonce" });
    const { callback } = await signInAt(new Browser(), url, "ana");
    expect(callback.status).toBe(401);
    expect(audit.at(-1)?.reason).toMatch(/nonce/);
  });
});
