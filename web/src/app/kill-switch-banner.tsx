import { useKillSwitchStore } from "../stream/kill-switch-store.ts";

/** Every user, every role: while the kill switch is active, say so above everything. */
export function KillSwitchBanner() {
  const state = useKillSwitchStore((s) => s.state);
  if (!state?.active) return null;
  return (
    <div className="ks-banner" role="alert" data-testid="kill-switch-banner">
      Kill switch active — trading halted: {state.reason ?? "no reason given"}
    </div>
  );
}
