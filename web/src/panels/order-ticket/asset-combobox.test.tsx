import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AssetInfo } from "@pregao/contracts";
import { setLocale } from "../../i18n/i18n.ts";
import { makeAssetInfo } from "../../lib/test-asset-info.ts";
import { AssetCombobox, matchInstruments } from "./asset-combobox.tsx";

const info = (asset: string, name: string) => makeAssetInfo(asset, { name });
const PETR4 = info("PETR4:B", "PETROBRAS PN");
const PETR3 = info("PETR3:B", "PETROBRAS ON");
const VALE3 = info("VALE3:B", "VALE ON");
const BRAP4 = info("BRAP4:B", "BRADESPAR PN (PETRO holding)");

describe("matchInstruments", () => {
  it("lists ticker matches first, then name matches, ignoring case and surrounding spaces", () => {
    const list = [BRAP4, VALE3, PETR4, PETR3];
    expect(matchInstruments(list, "  petr ").map((i) => i.asset)).toEqual(["PETR4:B", "PETR3:B", "BRAP4:B"]);
    expect(matchInstruments(list, "vale").map((i) => i.asset)).toEqual(["VALE3:B"]);
  });

  it("matches nothing for an empty query and at most eight instruments", () => {
    expect(matchInstruments([PETR4], "   ")).toEqual([]);
    const many = Array.from({ length: 12 }, (_, i) => info(`ABC${i + 10}:B`, "ABC"));
    expect(matchInstruments(many, "ABC")).toHaveLength(8);
  });
});

/** The ticket's use: a controlled value. */
function Harness({ instruments }: { instruments: AssetInfo[] }) {
  const [value, setValue] = useState("");
  return (
    <>
      <AssetCombobox value={value} instruments={instruments} onChange={setValue} />
      <output aria-label="picked">{value}</output>
    </>
  );
}

let fetchMock: ReturnType<typeof vi.fn>;
beforeEach(() => {
  setLocale("en");
  fetchMock = vi.fn(
    async () =>
      new Response(JSON.stringify({ instruments: [PETR4, PETR3], nextCursor: null }), {
        status: 200,
        headers: { "content-type": "application/json" },
      }),
  );
  vi.stubGlobal("fetch", fetchMock);
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <Harness instruments={[PETR4]} />
    </QueryClientProvider>,
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const input = () => screen.getByRole("combobox");
const options = () => within(screen.getByRole("listbox")).getAllByRole("option");
const picked = () => screen.getByRole("status", { name: "picked" }).textContent;

describe("AssetCombobox", () => {
  it("upper-cases what is typed and offers the ticket's own instrument at once, before the search answers", () => {
    fireEvent.change(input(), { target: { value: "pe" } });
    expect(input()).toHaveProperty("value", "PE");
    expect(input().getAttribute("aria-expanded")).toBe("true");
    expect(options().map((o) => o.textContent)).toEqual(["PETR4:B PETROBRAS PN"]);
  });

  it("adds the BFF's search results after the known ones, without listing one twice", async () => {
    fireEvent.change(input(), { target: { value: "PETR" } });
    await waitFor(() => expect(options()).toHaveLength(2), { timeout: 5000 });
    expect(options().map((o) => o.textContent?.split(" ")[0])).toEqual(["PETR4:B", "PETR3:B"]);
    expect(String(fetchMock.mock.calls[0]![0])).toBe("/api/v1/instruments?q=PETR&limit=8");
  });

  it("moves with ↓/↑ (clamped, announced through aria-activedescendant) and picks with Enter", async () => {
    fireEvent.change(input(), { target: { value: "PETR" } });
    await waitFor(() => expect(options()).toHaveLength(2), { timeout: 5000 });
    const active = () => input().getAttribute("aria-activedescendant");
    expect(active()).toBe(options()[0]!.id);
    fireEvent.keyDown(input(), { key: "ArrowDown" });
    fireEvent.keyDown(input(), { key: "ArrowDown" });
    expect(active()).toBe(options()[1]!.id);
    expect(options()[1]!.getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(input(), { key: "ArrowUp" });
    fireEvent.keyDown(input(), { key: "ArrowUp" });
    expect(active()).toBe(options()[0]!.id);
    fireEvent.keyDown(input(), { key: "ArrowDown" });
    fireEvent.keyDown(input(), { key: "Enter" });
    expect(picked()).toBe("PETR3:B");
    expect(screen.queryByRole("listbox")).toBeNull();
  });

  it("closes on Escape without changing the value, and on blur; a mouse pick chooses the option", async () => {
    fireEvent.change(input(), { target: { value: "PETR" } });
    fireEvent.keyDown(input(), { key: "Escape" });
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(picked()).toBe("PETR");
    fireEvent.change(input(), { target: { value: "PETR4" } });
    fireEvent.blur(input());
    expect(screen.queryByRole("listbox")).toBeNull();
    fireEvent.change(input(), { target: { value: "PETR" } });
    fireEvent.mouseDown(options()[0]!);
    expect(picked()).toBe("PETR4:B");
  });

  it("shows no list once the value is exactly the only match", () => {
    fireEvent.change(input(), { target: { value: "PETR4:B" } });
    expect(input().getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByRole("listbox")).toBeNull();
  });
});
