import type { IncomingMessage } from "node:http";
import type { Server } from "socket.io";
import type { ClientAddress } from "../security/client-address.ts";

/** The gateway's polling-stickiness cookie (deploy/gateway: `$cookie_pregao_node` → this instance's upstream). */
export const NODE_COOKIE = "pregao_node";

export interface EngineHookOptions {
  /** security/client-address.ts; absent → engine.io's TCP peer address. */
  clientAddress?: ClientAddress;
  /** This instance's id (INSTANCE_ID), sent in the stickiness cookie; absent → no cookie. */
  instanceId?: string;
}

interface EngineConn {
  remoteAddress: string;
  request: IncomingMessage;
}

/**
 * Engine.io-level hooks, below socket.io's handshake:
 * - the client address: `socket.handshake.address` is engine.io's `remoteAddress`, so rewriting it here, before
 *   socket.io builds the handshake (the client's CONNECT packet comes later), makes every reader of
 *   `handshake.address` (caps, refused-handshake limit, audit) see the same address as HTTP does;
 * - the stickiness cookie on the engine.io handshake response: long-polling sends each request separately, and they
 *   must all reach the instance that holds the engine.io session. Secure like the session cookie (browsers accept it
 *   on http://127.0.0.1 too), HttpOnly, SameSite=Strict, scoped to the socket.io path.
 */
export function attachEngineHooks(io: Server, opts: EngineHookOptions): void {
  const { clientAddress, instanceId } = opts;
  if (clientAddress)
    io.engine.prependListener("connection", (conn: EngineConn) => {
      conn.remoteAddress = clientAddress(conn.remoteAddress, conn.request.headers);
    });
  if (instanceId) {
    const cookie = `${NODE_COOKIE}=${instanceId}; Path=/socket.io/; HttpOnly; Secure; SameSite=Strict`;
    io.engine.on("initial_headers", (headers: Record<string, string | string[]>) => {
      const prev = headers["set-cookie"];
      headers["set-cookie"] = prev === undefined ? [cookie] : [...[prev].flat(), cookie];
    });
  }
}
