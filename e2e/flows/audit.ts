import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import type { DemoUser } from "../fixtures/users.ts";

/**
 * Something the BFF audits, done by another user over the API on a throwaway context (its own cookie jar): `user`
 * logs in and sends a market order. Returns the order id the BFF answered with.
 */
export async function auditedOrder(
  request: { newContext(opts: { baseURL: string }): Promise<APIRequestContext> },
  baseUrl: string,
  user: DemoUser,
  order: { asset: string; account: string; quantity: number },
): Promise<string> {
  const api = await request.newContext({ baseURL: baseUrl });
  try {
    const headers = { "x-pregao-csrf": "1", origin: baseUrl };
    const login = await api.post("/api/v1/auth/login", {
      headers,
      data: { username: user.username, password: user.password },
    });
    if (!login.ok()) throw new Error(`audited order: login ${user.username} → ${login.status()}`);
    const [brokerId, accountId] = order.account.split(":");
    const res = await api.post("/api/v1/orders", {
      headers,
      timeout: 10_000,
      data: {
        account: { brokerId: Number(brokerId), accountId },
        asset: order.asset,
        side: "BUY",
        type: "MARKET",
        quantity: order.quantity,
        timeInForce: "DAY",
        idempotencyKey: randomUUID(),
      },
    });
    const body = (await res.json()) as { orderId?: string; error?: { code?: string } };
    if (!res.ok() || !body.orderId)
      throw new Error(`audited order: ${res.status()} ${body.error?.code ?? "no orderId"}`);
    return body.orderId;
  } finally {
    await api.dispose();
  }
}
