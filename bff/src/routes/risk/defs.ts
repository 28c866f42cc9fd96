import {
  killSwitchActivateSchema,
  killSwitchDeactivateSchema,
  killSwitchResponseSchema,
  riskLimitsSchema,
  updateRiskLimitsSchema,
} from "@pregao/contracts";
import { riskAuditQuerySchema, riskAuditResponseSchema } from "../../lib/api-schemas.ts";
import { defineRoute, jsonBody, jsonResponse } from "../route-def.ts";

export const riskDefs = {
  // Limits and kill-switch state: every trader/risk user sees them (the banner, the daily-loss gauge).
  limits: defineRoute({
    method: "get",
    path: "/api/v1/risk/limits",
    access: "accounts:read:own",
    summary: "Risk limits and kill-switch state",
    responses: { 200: jsonResponse(riskLimitsSchema) },
    errors: [503],
  }),
  updateLimits: defineRoute({
    method: "put",
    path: "/api/v1/risk/limits",
    access: "risk:write",
    summary: "Update risk limits",
    request: { body: jsonBody(updateRiskLimitsSchema) },
    responses: { 200: jsonResponse(riskLimitsSchema) },
    errors: [400, 503],
  }),
  killSwitch: defineRoute({
    method: "post",
    path: "/api/v1/risk/kill-switch",
    access: "risk:write",
    summary: "Activate the kill switch (cancels working orders by default)",
    request: { body: jsonBody(killSwitchActivateSchema) },
    responses: { 200: jsonResponse(killSwitchResponseSchema) },
    errors: [400, 503],
  }),
  deactivate: defineRoute({
    method: "post",
    path: "/api/v1/risk/kill-switch/deactivate",
    access: "risk:write",
    summary: "Deactivate the kill switch",
    request: { body: jsonBody(killSwitchDeactivateSchema) },
    responses: { 200: jsonResponse(killSwitchResponseSchema) },
    errors: [400, 503],
  }),
  audit: defineRoute({
    method: "get",
    path: "/api/v1/risk/audit",
    access: "risk:write",
    summary: "Per-order risk-check records",
    request: { query: riskAuditQuerySchema },
    responses: { 200: jsonResponse(riskAuditResponseSchema) },
    errors: [400, 503],
  }),
};
