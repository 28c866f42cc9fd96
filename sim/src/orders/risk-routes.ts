import {
  killSwitchActivateSchema,
  killSwitchDeactivateSchema,
  updateRiskLimitsSchema,
} from "@pregao/contracts";
import { z } from "zod";
import { ServiceError, validationError } from "./errors.ts";
import { parse, readable, requireRole, type Ctx, type HttpDeps, type Route } from "./route-kit.ts";

/** Daily loss summed over the accounts this token may read. */
const dailyLoss = (d: HttpDeps, c: Ctx): number => {
  const accounts = d.manager.knownAccounts().filter(readable(c));
  return accounts.reduce((sum, a) => sum + d.manager.positions.dailyLoss(a), 0);
};

/** OM-SPEC `/api/risk*` (audience risk). */
export const riskRoutes: Route[] = [
  ["GET", /^\/api\/risk\/limits$/, "risk", (d, c) => ({ data: d.manager.risk.limits(dailyLoss(d, c)) })],
  [
    "PUT",
    /^\/api\/risk\/limits$/,
    "risk",
    async (d, c) => {
      requireRole(c, "risk");
      const patch = parse(updateRiskLimitsSchema, await c.body());
      if (d.manager.risk.killSwitch.active)
        throw new ServiceError(403, "FORBIDDEN", "limits are frozen while the kill switch is active");
      const bad = d.manager.risk.update(patch, c.claims.sub);
      if (bad !== null) throw validationError(bad, "collarPct must be below hardCollarPct");
      d.log.warn({ audit: "risk_limits_updated", by: c.claims.sub, patch }, "risk limits updated");
      return { data: d.manager.risk.limits(dailyLoss(d, c)) };
    },
  ],
  [
    "POST",
    /^\/api\/risk\/kill-switch$/,
    "risk",
    async (d, c) => {
      requireRole(c, "risk");
      const { reason, cancelAll } = parse(killSwitchActivateSchema, await c.body());
      const { state, ordersCanceled } = d.manager.activateKillSwitch(reason, c.claims.sub, cancelAll);
      return { data: { ...state, ordersCanceled }, message: "Kill switch activated, all orders canceled" };
    },
  ],
  [
    "POST",
    /^\/api\/risk\/kill-switch\/deactivate$/,
    "risk",
    async (d, c) => {
      requireRole(c, "risk");
      const { reason } = parse(killSwitchDeactivateSchema, await c.body());
      return { data: { ...d.manager.deactivateKillSwitch(reason, c.claims.sub), ordersCanceled: 0 } };
    },
  ],
  [
    "GET",
    /^\/api\/risk\/positions$/,
    "risk",
    (d, c) => {
      const positions = d.manager.positions.list(readable(c));
      const sum = (f: (p: (typeof positions)[number]) => number) =>
        Math.round(positions.reduce((s, p) => s + f(p), 0) * 100) / 100;
      return {
        data: {
          asOf: Date.now(),
          positions,
          totalRealizedPnl: sum((p) => p.realizedPnl),
          totalUnrealizedPnl: sum((p) => p.unrealizedPnl),
          totalExposure: sum((p) => Math.abs(p.netQuantity * (p.marketPrice ?? 0))),
        },
      };
    },
  ],
  [
    "GET",
    /^\/api\/risk\/audit$/,
    "risk",
    (d, c) => {
      requireRole(c, "risk");
      const { limit } = parse(
        z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        Object.fromEntries(c.query),
      );
      return { data: d.manager.risk.recent(limit) };
    },
  ],
];
