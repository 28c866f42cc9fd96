import { create } from "zustand";
import type { PositionsResponse } from "@pregao/contracts";

interface PositionsState {
  /** The latest positions report (REST seed or `positions:updated`), newest `asOf` wins. */
  report: PositionsResponse | null;
  apply(report: PositionsResponse): void;
}

export const usePositionsStore = create<PositionsState>()((set) => ({
  report: null,
  apply: (report) => set((s) => (s.report && s.report.asOf > report.asOf ? s : { report })),
}));
