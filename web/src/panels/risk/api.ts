import { queryOptions } from "@tanstack/react-query";
import {
  killSwitchResponseSchema,
  riskLimitsSchema,
  type KillSwitchResponse,
  type RiskLimits,
  type UpdateRiskLimits,
} from "@pregao/contracts";
import { api, call } from "../../lib/api-client.ts";
import { queryKeys } from "../../lib/query-keys.ts";

/** `GET /api/v1/risk/limits` (risk role). */
export const riskLimitsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.risk.limits,
    queryFn: ({ signal }) => call((o) => api.risk.limits.$get({}, o), riskLimitsSchema, { signal }),
    refetchInterval: 5000,
  });

export const updateRiskLimits = (body: UpdateRiskLimits): Promise<RiskLimits> =>
  call((o) => api.risk.limits.$put({ json: body }, o), riskLimitsSchema);

export const activateKillSwitch = (reason: string): Promise<KillSwitchResponse> =>
  call(
    (o) => api.risk["kill-switch"].$post({ json: { reason, cancelAll: true } }, o),
    killSwitchResponseSchema,
  );

export const deactivateKillSwitch = (reason: string): Promise<KillSwitchResponse> =>
  call((o) => api.risk["kill-switch"].deactivate.$post({ json: { reason } }, o), killSwitchResponseSchema);
