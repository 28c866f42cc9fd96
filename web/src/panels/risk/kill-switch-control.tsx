import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { KillSwitchState } from "@pregao/contracts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { formatTime } from "../../lib/format.ts";
import { orderErrorText } from "../../lib/trading.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { useKillSwitchStore } from "../../stream/kill-switch-store.ts";
import { activateKillSwitch, deactivateKillSwitch } from "./api.ts";

type Mode = "activate" | "deactivate";

/** The kill switch: activation and deactivation are separate, each needs a reason and an explicit confirmation. */
export function KillSwitchControl({ state }: { state: KillSwitchState }) {
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
    <section className={state.active ? "ks ks-active" : "ks"} aria-label="Kill switch">
      <h3 className="risk-h">Kill switch</h3>
      {state.active ? (
        <dl className="ks-info">
          <dt>Status</dt>
          <dd className="down">ACTIVE — trading halted</dd>
          <dt>Reason</dt>
          <dd>{state.reason}</dd>
          <dt>By</dt>
          <dd>{state.activatedBy ?? "—"}</dd>
          <dt>At</dt>
          <dd className="num">{formatTime(state.activatedAt)}</dd>
        </dl>
      ) : (
        <p className="ks-info up">Inactive — trading allowed</p>
      )}
      {state.active ? (
        <button type="button" className="btn" onClick={() => open("deactivate")}>
          Deactivate kill switch
        </button>
      ) : (
        <button type="button" className="btn btn-danger" onClick={() => open("activate")}>
          Activate kill switch
        </button>
      )}
      {mode && (
        <ConfirmDialog
          title={mode === "activate" ? "Activate kill switch" : "Deactivate kill switch"}
          confirmLabel={mode === "activate" ? "Activate" : "Deactivate"}
          danger={mode === "activate"}
          confirmDisabled={!valid}
          onCancel={() => setMode(null)}
          onConfirm={() => void send()}
        >
          <label className="field" htmlFor="ks-reason">
            Reason
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
            {mode === "activate"
              ? "I confirm: halt all trading and cancel every working order"
              : "I confirm: resume trading"}
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
