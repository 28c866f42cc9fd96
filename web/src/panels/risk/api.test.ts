import { QueryClient } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { KillSwitchResponse, UpdateRiskLimits } from "@pregao/contracts";
import { ApiError } from "../../lib/api-client.ts";
import { activateKillSwitch, deactivateKillSwitch, riskLimitsQueryOptions, updateRiskLimits } from "./api.ts";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const sent = (i = 0) => {
  const [url, init] = fetchMock.mock.calls[i] as [string, RequestInit];
  return {
    url,
    method: init.method,
    body: init.body === undefined ? undefined : JSON.parse(String(init.body)),
  };
};

let fetchMock: ReturnType<typeof vi.fn>;
beforeEach(() => {
  fetchMock = vi.fn();
  vi.stubGlobal("fetch", fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

describe("risk desk API", () => {
  it("activating the kill switch always cancels every working order too, with the officer's reason", async () => {
    const state: KillSwitchResponse = {
      active: true,
      reason: "runaway algo",
      activatedAt: 1,
      activatedBy: "risk",
      ordersCanceled: 3,
    };
    fetchMock.mockResolvedValueOnce(json(200, state));
    expect(await activateKillSwitch("runaway algo")).toEqual(state);
    expect(sent()).toEqual({
      url: "/api/v1/risk/kill-switch",
      method: "POST",
      body: { reason: "runaway algo", cancelAll: true },
    });
  });

  it("deactivating posts the reason to its own path", async () => {
    fetchMock.mockResolvedValueOnce(json(500, { error: { code: "INTERNAL", message: "x" } }));
    await expect(deactivateKillSwitch("all clear")).rejects.toBeInstanceOf(ApiError);
    expect(sent()).toMatchObject({
      url: "/api/v1/risk/kill-switch/deactivate",
      method: "POST",
      body: { reason: "all clear" },
    });
  });

  it("reads limits under the shared key and refreshes them every 5 s; a reply that is not limits is an error", async () => {
    const opts = riskLimitsQueryOptions();
    expect(opts.refetchInterval).toBe(5000);
    fetchMock.mockResolvedValueOnce(json(200, { bogus: true }));
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const err = await qc.fetchQuery(opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(sent()).toMatchObject({ url: "/api/v1/risk/limits", method: "GET" });
  });

  it("updates limits with PUT and the body as given", async () => {
    fetchMock.mockResolvedValueOnce(json(400, { error: { code: "VALIDATION_FAILED", message: "bad" } }));
    const body: UpdateRiskLimits = { dailyLossLimit: 5000, maxPositionSize: { "PETR4:B": null } };
    const err = await updateRiskLimits(body).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400, code: "VALIDATION_FAILED" });
    expect(sent()).toEqual({ url: "/api/v1/risk/limits", method: "PUT", body });
  });
});
