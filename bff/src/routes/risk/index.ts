import { killSwitchResponseSchema, riskLimitsSchema } from "@pregao/contracts";
import { riskAuditResponseSchema } from "../../lib/api-schemas.ts";
import { audited } from "../../security/trading-audit.ts";
import type { AuditSink } from "../../session/audit-sink.ts";
import type { ServiceCaller } from "../../services/index.ts";
import { subjectOf } from "../../services/subject.ts";
import { routeApp } from "../route-app.ts";
import { riskDefs } from "./defs.ts";

export interface RiskDeps {
  services: { risk: ServiceCaller };
  audit: AuditSink;
}

/**
 * `/api/v1/risk/*`: limits (read by any trader/risk user; written by risk), the kill switch (activate with a reason;
 * deactivation is its own explicit call), the per-check audit trail. Forwarded to the risk service (aud `risk`).
 */
export const riskRoute = (deps: RiskDeps) => {
  const risk = deps.services.risk;
  return routeApp()
    .openapi(riskDefs.limits, async (c) => {
      const res = await risk.call({
        method: "GET",
        path: "/api/risk/limits",
        subject: subjectOf(c.get("session")!.user),
        idempotent: true,
        data: riskLimitsSchema,
        requestId: c.get("requestId"),
      });
      c.header("Cache-Control", "no-store");
      return c.json(res.data, 200);
    })
    .openapi(riskDefs.updateLimits, async (c) => {
      const body = c.req.valid("json");
      const res = await audited(deps.audit, c, "risk.limits_update", { changes: Object.keys(body) }, () =>
        risk.call({
          method: "PUT",
          path: "/api/risk/limits",
          body,
          subject: subjectOf(c.get("session")!.user),
          // A PUT of the same limits is idempotent, but an operator's edit should not silently repeat: no retries.
          idempotent: false,
          data: riskLimitsSchema,
          requestId: c.get("requestId"),
        }),
      );
      return c.json(res.data, 200);
    })
    .openapi(riskDefs.killSwitch, async (c) => {
      const body = c.req.valid("json");
      const res = await audited(deps.audit, c, "risk.kill_switch_activate", { reason: body.reason }, () =>
        risk.call({
          method: "POST",
          path: "/api/risk/kill-switch",
          body,
          subject: subjectOf(c.get("session")!.user),
          // Activating twice is the same state: safe to retry, and the one call that must get through.
          idempotent: true,
          data: killSwitchResponseSchema,
          requestId: c.get("requestId"),
        }),
      );
      return c.json(res.data, 200);
    })
    .openapi(riskDefs.deactivate, async (c) => {
      const body = c.req.valid("json");
      const res = await audited(deps.audit, c, "risk.kill_switch_deactivate", { reason: body.reason }, () =>
        risk.call({
          method: "POST",
          path: "/api/risk/kill-switch/deactivate",
          body,
          subject: subjectOf(c.get("session")!.user),
          idempotent: false,
          data: killSwitchResponseSchema,
          requestId: c.get("requestId"),
        }),
      );
      return c.json(res.data, 200);
    })
    .openapi(riskDefs.audit, async (c) => {
      const res = await risk.call({
        method: "GET",
        path: "/api/risk/audit",
        query: c.req.valid("query"),
        subject: subjectOf(c.get("session")!.user),
        idempotent: true,
        data: riskAuditResponseSchema,
        requestId: c.get("requestId"),
      });
      c.header("Cache-Control", "no-store");
      return c.json(res.data, 200);
    });
};
