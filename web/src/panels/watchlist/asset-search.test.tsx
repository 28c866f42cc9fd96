import type { ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AssetInfo } from "@pregao/contracts";
import { instrumentKeys } from "../../lib/instruments.ts";
import { AssetSearch } from "./asset-search.tsx";

const base = {
  minOrderQty: 100,
  maxOrderQty: 1_000_000,
  lot: 100,
  securityType: 5,
  securitySubType: 26,
  tickSize: 0.01,
  contractMultiplier: 1,
  validDate: null,
  isin: null,
  sector: null,
};
const list: AssetInfo[] = [
  // As ProfitDLL (and the sim) report them: the name is the ticker, the description is the company.
  { ...base, asset: "PETR4:B", name: "PETR4", description: "PETROBRAS PN" },
  { ...base, asset: "PETR3:B", name: "PETR3", description: "PETROBRAS ON" },
  { ...base, asset: "VALE3:B", name: "VALE3", description: "VALE ON" },
  { ...base, asset: "WINZ26:F", name: "WINZ26", description: "MINI IBOVESPA DEZ26" },
];

/** The BFF's search, as far as these tests need it: ticker prefix, then name contains; records every URL asked. */
const asked: string[] = [];
function fakeBff(url: string): Promise<Response> {
  asked.push(url);
  const q = new URL(url, "http://x").searchParams.get("q")?.toLowerCase() ?? "";
  const hits = list.filter(
    (i) => i.asset.toLowerCase().startsWith(q) || i.description.toLowerCase().includes(q),
  );
  return Promise.resolve(
    new Response(JSON.stringify({ instruments: hits, nextCursor: null }), {
      headers: { "content-type": "application/json" },
    }),
  );
}

let qc: QueryClient;
const wrap = (ui: ReactNode) => render(<QueryClientProvider client={qc}>{ui}</QueryClientProvider>);

beforeEach(() => {
  asked.length = 0;
  qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  vi.stubGlobal("fetch", vi.fn(fakeBff));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const options = () => screen.queryAllByRole("option").map((o) => o.textContent);

describe("AssetSearch", () => {
  it("asks the BFF (never the whole catalog), leaves held assets out and adds with the keyboard", async () => {
    const onPick = vi.fn();
    wrap(<AssetSearch held={["PETR4:B"]} onPick={onPick} />);
    const box = screen.getByRole("combobox", { name: "Add asset" });
    fireEvent.change(box, { target: { value: "petro" } });
    await waitFor(() => expect(options()).toEqual(["PETR3:BPETROBRAS ON"]));
    fireEvent.change(box, { target: { value: "vale" } });
    await waitFor(() => expect(options()).toEqual(["VALE3:BVALE ON"]));
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onPick).toHaveBeenCalledWith("VALE3:B");
    expect(asked.every((u) => /^\/api\/v1\/instruments\?q=[^&]+&limit=\d+$/.test(u))).toBe(true);
    expect(asked.some((u) => u.includes("q=vale"))).toBe(true);
    // what the search found is now known per asset, so the ticket/watchlist need no second request for it
    expect(qc.getQueryData(instrumentKeys.asset("VALE3:B"))).toMatchObject({ description: "VALE ON" });
  });

  it("moves the active option with arrows", async () => {
    const onPick = vi.fn();
    wrap(<AssetSearch held={[]} onPick={onPick} />);
    const box = screen.getByRole("combobox", { name: "Add asset" });
    fireEvent.change(box, { target: { value: "PETR" } });
    await waitFor(() => expect(options()).toHaveLength(2));
    fireEvent.keyDown(box, { key: "ArrowDown" });
    expect(box.getAttribute("aria-activedescendant")).toMatch(/-1$/);
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onPick).toHaveBeenCalledWith("PETR3:B");
  });

  it("shows the company name, not the ticker twice", async () => {
    wrap(<AssetSearch held={[]} onPick={vi.fn()} />);
    fireEvent.change(screen.getByRole("combobox", { name: "Add asset" }), { target: { value: "WIN" } });
    await waitFor(() => expect(options()).toEqual(["WINZ26:FMINI IBOVESPA DEZ26"]));
  });

  it("says when every match is already in the list, and when nothing matches", async () => {
    wrap(<AssetSearch held={["WINZ26:F", "VALE3:B"]} onPick={vi.fn()} />);
    const box = screen.getByRole("combobox", { name: "Add asset" });
    fireEvent.change(box, { target: { value: "WIN" } });
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe("Already in your list: WINZ26:F"),
    );
    expect(options()).toEqual([]);
    fireEvent.change(box, { target: { value: "vale" } });
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Already in your list: VALE3:B"));
    fireEvent.change(box, { target: { value: "zzz" } });
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe('No instrument matches "zzz"'));
    // While a query is still on its way, nothing is claimed.
    fireEvent.change(box, { target: { value: "PETR" } });
    expect(screen.getByRole("status").textContent).toBe("");
    await waitFor(() => expect(options()).toHaveLength(2));
    expect(screen.getByRole("status").textContent).toBe("");
  });

  it("sends nothing for an empty query", () => {
    wrap(<AssetSearch held={[]} onPick={vi.fn()} />);
    fireEvent.change(screen.getByRole("combobox", { name: "Add asset" }), { target: { value: "  " } });
    expect(options()).toEqual([]);
    expect(asked).toEqual([]);
  });
});
