import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RiskLimits } from "@pregao/contracts";
import { LimitsForm } from "./limits-form.tsx";

const updateRiskLimits = vi.fn();
vi.mock("./api.ts", () => ({ updateRiskLimits: (b: unknown) => updateRiskLimits(b) }));

const limits = {
  dailyLossLimit: 50_000,
  currentDailyLoss: 0,
  maxPositionSize: { "PETR4:B": 1000 },
  defaultMaxPosition: 10_000,
  tradingHours: { start: "10:00", end: "17:55", timezone: "America/Sao_Paulo", alwaysOpen: false },
  orderLimitDefaults: { maxOrderNotional: 1_000_000, collarPct: 3, hardCollarPct: 10 },
  orderLimits: {},
  updatedAt: 1,
  updatedBy: null,
} as unknown as RiskLimits;

function renderForm() {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <LimitsForm limits={limits} />
    </QueryClientProvider>,
  );
}
const save = () => fireEvent.click(screen.getByRole("button", { name: "Save limits" }));

beforeEach(() => updateRiskLimits.mockReset().mockResolvedValue(limits));
afterEach(cleanup);

describe("risk limits form", () => {
  it("edits trading hours as 24-hour text labelled with the exchange zone (no AM/PM picker)", () => {
    renderForm();
    const from = screen.getByLabelText("Trading from (BRT)") as HTMLInputElement;
    expect(from.type).toBe("text");
    expect(from.value).toBe("10:00");
    fireEvent.change(from, { target: { value: "9:30 AM" } });
    save();
    expect(screen.getByRole("alert").textContent).toBe("Trading from: a 24-hour time HH:MM, e.g. 10:00");
    expect(updateRiskLimits).not.toHaveBeenCalled();
  });

  it("edits max positions as rows: add, remove, and a message naming the bad row", async () => {
    renderForm();
    expect(screen.queryByRole("textbox", { name: /ASSET=qty/ })).toBeNull();
    expect((screen.getByLabelText("Row 1 asset") as HTMLInputElement).value).toBe("PETR4:B");
    fireEvent.click(screen.getByRole("button", { name: "Add asset" }));
    fireEvent.change(screen.getByLabelText("Row 2 asset"), { target: { value: "vale3:b" } });
    fireEvent.change(screen.getByLabelText("Row 2 max quantity"), { target: { value: "-5" } });
    save();
    expect(screen.getByRole("alert").textContent).toBe(
      "Row 2 (VALE3:B): quantity must be a whole number from 1 to 10,000,000",
    );
    fireEvent.change(screen.getByLabelText("Row 2 max quantity"), { target: { value: "500" } });
    fireEvent.click(screen.getByRole("button", { name: "Remove row 1 (PETR4:B)" }));
    save();
    await waitFor(() => expect(updateRiskLimits).toHaveBeenCalledTimes(1));
    expect(updateRiskLimits.mock.calls[0]![0]).toMatchObject({
      maxPositionSize: { "VALE3:B": 500, "PETR4:B": null },
      tradingHours: { start: "10:00", end: "17:55", alwaysOpen: false },
    });
  });
});
