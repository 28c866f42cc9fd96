import type { AccountRef, ServiceAudience, ServiceTokenClaims } from "@pregao/contracts";
import type { Logger } from "pino";
import type { z } from "zod";
import { hasRole, type ServiceAuth } from "../lib/service-auth.ts";
import { ServiceError } from "./errors.ts";
import type { OrderManager } from "./order-manager.ts";
import { accountKey } from "./positions.ts";
import type { ServiceRateLimiter } from "./rate-limit.ts";

// What the order-manager and risk route tables share: the request context, body parsing, role and account checks.

export interface HttpDeps {
  manager: OrderManager;
  auth: ServiceAuth;
  log: Logger;
  limits: ServiceRateLimiter;
}

export interface Ctx {
  claims: ServiceTokenClaims;
  body: () => Promise<unknown>;
  query: URLSearchParams;
  params: string[];
}
export type Handler = (deps: HttpDeps, ctx: Ctx) => { status?: number; data: unknown; message?: string };
export type Route = [
  method: string,
  path: RegExp,
  audience: ServiceAudience,
  handler: (d: HttpDeps, c: Ctx) => Promise<ReturnType<Handler>> | ReturnType<Handler>,
];

export const parse = <T extends z.ZodType>(schema: T, value: unknown): z.infer<T> => {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new ServiceError(400, "VALIDATION_FAILED", issue.message, issue.path.join(".") || undefined);
};
export const requireRole = (c: Ctx, role: "risk" | "trader") => {
  if (!hasRole(c.claims, role)) throw new ServiceError(403, "FORBIDDEN", `role ${role} required`);
};
/** Accounts this token may read: all for risk, else its own. */
export const readable = (c: Ctx) => {
  if (hasRole(c.claims, "risk")) return () => true;
  const own = new Set(c.claims.accounts.map(accountKey));
  return (a: AccountRef) => own.has(accountKey(a));
};
export const owns = (c: Ctx, a: AccountRef) => c.claims.accounts.some((x) => accountKey(x) === accountKey(a));
