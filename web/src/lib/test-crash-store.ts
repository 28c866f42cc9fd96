import { create } from "zustand";

/**
 * Panels asked to crash on their next render (E2E only; see test-hooks.ts). The panel boundary reads this and clears
 * the request once its boundary has caught the error, so "Reload panel" brings the panel back.
 */
interface TestCrashState {
  pending: ReadonlySet<string>;
  request(panel: string): void;
  consume(panel: string): void;
}

export const useTestCrashStore = create<TestCrashState>()((set) => ({
  pending: new Set(),
  request: (panel) => set((s) => ({ pending: new Set(s.pending).add(panel) })),
  consume: (panel) =>
    set((s) => {
      if (!s.pending.has(panel)) return s;
      const pending = new Set(s.pending);
      pending.delete(panel);
      return { pending };
    }),
}));
