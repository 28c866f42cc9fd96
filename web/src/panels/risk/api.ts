import { queryOptions } from "@tanstack/react-query";
import {
  killSwitchResponseSchema,
  riskLimitsSchema,
  type KillSwitchResponse,
  type RiskLimits,
  type UpdateRiskLimits,
} from "@pregao/contracts";
import { getJson, postJson, sendJson } from "../../lib/api-client.ts";
import { queryKeys } from "../../lib/query-keys.ts";

/** `GET /api/v1/risk/limits` (risk role). */
export const riskLimitsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.risk.limits,
    queryFn: ({ signal }) => getJson("/api/v1/risk/limits", riskLimitsSchema, { signal }),
    refetchInterval: 5000,
  });

export const updateRiskLimits = (body: UpdateRiskLimits): Promise<RiskLimits> =>
  sendJson("PUT", "/api/v1/risk/limits", body, riskLimitsSchema);

export const activateKillSwitch = (reason: string): Promise<KillSwitchResponse> =>
  postJson("/api/v1/risk/kill-switch", { reason, cancelAll: true }, killSwitchResponseSchema);

export const deactivateKillSwitch = (reason: string): Promise<KillSwitchResponse> =>
  postJson("/api/v1/risk/kill-switch/deactivate", { reason }, killSwitchResponseSchema);
