import { useT } from "../i18n/use-t.ts";
import { useKillSwitchStore } from "../stream/kill-switch-store.ts";

/** Every user, every role: while the kill switch is active, say so above everything. */
export function KillSwitchBanner() {
  const t = useT();
  const state = useKillSwitchStore((s) => s.state);
  if (!state?.active) return null;
  return (
    <div className="ks-banner" role="alert" data-testid="kill-switch-banner">
      {t("app.killSwitchActive", { reason: state.reason ?? t("app.noReasonGiven") })}
    </div>
  );
}
