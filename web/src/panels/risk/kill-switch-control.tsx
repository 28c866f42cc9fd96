import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { KillSwitchState } from "@pregao/contracts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { useT } from "../../i18n/use-t.ts";
import { formatTime } from "../../lib/format.ts";
import { orderErrorText } from "../../lib/trading.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { useKillSwitchStore } from "../../stream/kill-switch-store.ts";
import { activateKillSwitch, deactivateKillSwitch } from "./api.ts";

type Mode = "activate" | "deactivate";

/** The kill switch: activation and deactivation are separate, each needs a reason and an explicit confirmation. */
export function KillSwitchControl({ state }: { state: KillSwitchState }) {
  const t = useT();
  const [mode, setMode] = useState<Mode | null>(null);
  const [reason, setReason] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const open = (m: Mode) => {
    setMode(m);
    setReason("");
    setConfirmed(false);
    setError(null);
  };
  const send = async () => {
    if (!mode) return;
    try {
      const r = await (mode === "activate"
        ? activateKillSwitch(reason.trim())
        : deactivateKillSwitch(reason.trim()));
      useKillSwitchStore.getState().set(r);
      setMode(null);
      void queryClient.invalidateQueries({ queryKey: queryKeys.risk.limits });
    } catch (err) {
      setError(orderErrorText(err));
    }
  };
  const valid = reason.trim().length >= 3 && confirmed;
  return (
    <section className={state.active ? "ks ks-active" : "ks"} aria-label={t("killSwitch.section")}>
      <h3 className="risk-h">{t("killSwitch.section")}</h3>
      {state.active ? (
        <dl className="ks-info">
          <dt>{t("killSwitch.status")}</dt>
          <dd className="down">{t("killSwitch.activeHalted")}</dd>
          <dt>{t("killSwitch.reason")}</dt>
          <dd>{state.reason}</dd>
          <dt>{t("killSwitch.by")}</dt>
          <dd>{state.activatedBy ?? "—"}</dd>
          <dt>{t("killSwitch.at")}</dt>
          <dd className="num">{formatTime(state.activatedAt)}</dd>
        </dl>
      ) : (
        <p className="ks-info up">{t("killSwitch.inactive")}</p>
      )}
      {state.active ? (
        <button type="button" className="btn" onClick={() => open("deactivate")}>
          {t("killSwitch.deactivateButton")}
        </button>
      ) : (
        <button type="button" className="btn btn-danger" onClick={() => open("activate")}>
          {t("killSwitch.activateButton")}
        </button>
      )}
      {mode && (
        <ConfirmDialog
          title={mode === "activate" ? t("killSwitch.activateButton") : t("killSwitch.deactivateButton")}
          confirmLabel={mode === "activate" ? t("killSwitch.activate") : t("killSwitch.deactivate")}
          danger={mode === "activate"}
          confirmDisabled={!valid}
          onCancel={() => setMode(null)}
          onConfirm={() => void send()}
        >
          <label className="field" htmlFor="ks-reason">
            {t("killSwitch.reason")}
            <textarea
              id="ks-reason"
              className="input ks-reason"
              minLength={3}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          <label className="ks-confirm">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
            {mode === "activate" ? t("killSwitch.confirmActivate") : t("killSwitch.confirmDeactivate")}
          </label>
          {error && (
            <p className="panel-alert" role="alert">
              {error}
            </p>
          )}
        </ConfirmDialog>
      )}
    </section>
  );
}
