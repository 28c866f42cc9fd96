import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LOOKUP_TIMEOUT_MS, rememberInstruments, useInstruments } from "./instruments.ts";
import { makeAssetInfo } from "./test-asset-info.ts";

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
const info = (asset: string) => makeAssetInfo(asset);

let asked: string[][];
beforeEach(() => {
  asked = [];
  vi.stubGlobal(
    "fetch",
    vi.fn((url: string) => {
      const assets = new URL(url, "http://x").searchParams.get("assets")?.split(",") ?? [];
      asked.push(assets);
      return Promise.resolve(json({ instruments: assets.map(info), nextCursor: null }));
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function setup(initial: string[], seeded: string[] = []) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  rememberInstruments(qc, seeded.map(info));
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={qc}>{children}</QueryClientProvider>
  );
  return renderHook(({ assets }: { assets: string[] }) => useInstruments(assets), {
    wrapper,
    initialProps: { assets: initial },
  });
}

describe("useInstruments", () => {
  it("batches the lookups of one render into one request and answers in the order asked", async () => {
    const { result } = setup(["VALE3:B", "PETR4:B"]);
    await waitFor(() => expect(result.current.isPending).toBe(false));
    expect(result.current.error).toBeNull();
    expect(asked).toEqual([["VALE3:B", "PETR4:B"]]);
    expect(result.current.data?.map((i) => i.asset)).toEqual(["VALE3:B", "PETR4:B"]);
  });

  // The saved list replaced the default one with as many assets, one of them new: the new one must be looked up and
  // the lookup must settle (a watchlist once stayed on "Loading instruments…" in a fresh browser).
  it("looks up the new asset when the list changes to another of the same length", async () => {
    const { result, rerender } = setup(["PETR4:B", "VALE3:B", "ITUB4:B"], ["PETR4:B"]);
    await waitFor(() => expect(result.current.isPending).toBe(false));
    act(() => rerender({ assets: ["VALE3:B", "ITUB4:B", "BBAS3:B"] }));
    await waitFor(() => expect(result.current.isPending).toBe(false));
    expect(asked.flat()).toContain("BBAS3:B");
    expect(result.current.data?.map((i) => i.asset)).toEqual(["VALE3:B", "ITUB4:B", "BBAS3:B"]);
  });

  it("turns a lookup that never answers into an error instead of loading forever", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      vi.stubGlobal(
        "fetch",
        vi.fn(
          (_url: string, init?: RequestInit) =>
            new Promise<Response>((_resolve, reject) =>
              init?.signal?.addEventListener("abort", () => reject(init.signal?.reason as Error)),
            ),
        ),
      );
      const { result } = setup(["VALE3:B"]);
      await act(() => vi.advanceTimersByTimeAsync(LOOKUP_TIMEOUT_MS + 100));
      await waitFor(() => expect(result.current.error).not.toBeNull());
      expect(result.current.isPending).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
