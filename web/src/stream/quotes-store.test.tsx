import { act, render } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { useQuote, useQuotesStore } from "./quotes-store.ts";
import { makeQuote } from "./test-quote.ts";

beforeEach(() => useQuotesStore.setState({ quotes: new Map(), errors: new Map() }));

describe("quotes store", () => {
  it("keeps the newest quote per asset and never goes back in time", () => {
    const { apply } = useQuotesStore.getState();
    apply([makeQuote({ asset: "PETR4:B", last: 37, receivedAt: 10 })]);
    apply([makeQuote({ asset: "PETR4:B", last: 36, receivedAt: 5 })]); // late snapshot
    expect(useQuotesStore.getState().quotes.get("PETR4:B")?.last).toBe(37);
    apply([makeQuote({ asset: "PETR4:B", last: 38, receivedAt: 11 })]);
    expect(useQuotesStore.getState().quotes.get("PETR4:B")?.last).toBe(38);
  });

  it("applies a quote from a resync even when it looks older (another snapshot)", () => {
    const { apply } = useQuotesStore.getState();
    apply([makeQuote({ asset: "PETR4:B", last: 37, receivedAt: 10, syncId: 1 })]);
    apply([makeQuote({ asset: "PETR4:B", last: 36, receivedAt: 5, syncId: 2 })]);
    expect(useQuotesStore.getState().quotes.get("PETR4:B")?.last).toBe(36);
  });

  it("keeps other assets' objects identical so their rows do not re-render", () => {
    const { apply } = useQuotesStore.getState();
    apply([makeQuote({ asset: "PETR4:B" }), makeQuote({ asset: "VALE3:B" })]);
    const vale = useQuotesStore.getState().quotes.get("VALE3:B");
    const before = useQuotesStore.getState().quotes;
    apply([makeQuote({ asset: "PETR4:B", receivedAt: 2000 })]);
    expect(useQuotesStore.getState().quotes).not.toBe(before);
    expect(useQuotesStore.getState().quotes.get("VALE3:B")).toBe(vale);
  });

  it("re-renders a subscriber only when its own asset changes", () => {
    let renders = 0;
    function Row() {
      renders++;
      return <span>{useQuote("VALE3:B")?.last ?? "-"}</span>;
    }
    const { container } = render(<Row />);
    act(() => useQuotesStore.getState().apply([makeQuote({ asset: "VALE3:B", last: 60 })]));
    expect(container.textContent).toBe("60");
    const afterOwn = renders;
    act(() => useQuotesStore.getState().apply([makeQuote({ asset: "PETR4:B", receivedAt: 5000 })]));
    expect(renders).toBe(afterOwn);
  });

  it("removes released assets and records subscription errors", () => {
    const s = useQuotesStore.getState();
    s.apply([makeQuote({ asset: "PETR4:B" })]);
    s.remove(["PETR4:B"]);
    expect(useQuotesStore.getState().quotes.has("PETR4:B")).toBe(false);
    const unknown = { code: "UNKNOWN_ASSET", message: "Unknown asset" } as const;
    s.setError("XXXX3:B", unknown);
    expect(useQuotesStore.getState().errors.get("XXXX3:B")).toEqual(unknown);
    const errors = useQuotesStore.getState().errors;
    s.setError("XXXX3:B", { ...unknown });
    expect(useQuotesStore.getState().errors).toBe(errors); // the same error again changes nothing
    s.setError("XXXX3:B", null);
    expect(useQuotesStore.getState().errors.size).toBe(0);
  });
});
