import { useT } from "../../i18n/use-t.ts";
import { formatQuantity } from "../../lib/format.ts";
import { newRow, type PositionLimitRow } from "./position-limits.ts";

interface Props {
  rows: readonly PositionLimitRow[];
  onChange(rows: PositionLimitRow[]): void;
  defaultMax: number;
}

/** Per-asset max positions as rows (asset, quantity) with add and remove; checked by `validateRows` on save. */
export function PositionLimitsEditor({ rows, onChange, defaultMax }: Props) {
  const t = useT();
  const edit = (id: number, patch: Partial<PositionLimitRow>) =>
    onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  return (
    <fieldset className="risk-rows">
      <legend>
        {t("risk.maxPositionPerAsset")}{" "}
        <span className="risk-hint">{t("risk.others", { n: formatQuantity(defaultMax) })}</span>
      </legend>
      {rows.length > 0 && (
        <table className="risk-rows-table">
          <thead>
            <tr>
              <th scope="col">{t("risk.asset")}</th>
              <th scope="col">{t("risk.maxQuantity")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("risk.remove")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.id}>
                <td>
                  <input
                    className="input"
                    aria-label={t("risk.rowAsset", { n: i + 1 })}
                    placeholder="PETR4:B"
                    autoComplete="off"
                    spellCheck={false}
                    value={r.asset}
                    onChange={(e) => edit(r.id, { asset: e.target.value.toUpperCase() })}
                  />
                </td>
                <td>
                  <input
                    className="input num"
                    aria-label={t("risk.rowMaxQuantity", { n: i + 1 })}
                    inputMode="numeric"
                    placeholder="1000"
                    value={r.qty}
                    onChange={(e) => edit(r.id, { qty: e.target.value })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={
                      r.asset
                        ? t("risk.removeRowAsset", { n: i + 1, asset: r.asset })
                        : t("risk.removeRow", { n: i + 1 })
                    }
                    onClick={() => onChange(rows.filter((x) => x.id !== r.id))}
                  >
                    {t("risk.remove")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" className="btn btn-small" onClick={() => onChange([...rows, newRow()])}>
        {t("risk.addAsset")}
      </button>
    </fieldset>
  );
}
