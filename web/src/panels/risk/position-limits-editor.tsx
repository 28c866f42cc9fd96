import { newRow, type PositionLimitRow } from "./position-limits.ts";

interface Props {
  rows: readonly PositionLimitRow[];
  onChange(rows: PositionLimitRow[]): void;
  defaultMax: number;
}

/** Per-asset max positions as rows (asset, quantity) with add and remove; checked by `validateRows` on save. */
export function PositionLimitsEditor({ rows, onChange, defaultMax }: Props) {
  const edit = (id: number, patch: Partial<PositionLimitRow>) =>
    onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  return (
    <fieldset className="risk-rows">
      <legend>
        Max position per asset{" "}
        <span className="risk-hint">(others: {defaultMax.toLocaleString("pt-BR")})</span>
      </legend>
      {rows.length > 0 && (
        <table className="risk-rows-table">
          <thead>
            <tr>
              <th scope="col">Asset</th>
              <th scope="col">Max quantity</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.id}>
                <td>
                  <input
                    className="input"
                    aria-label={`Row ${i + 1} asset`}
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
                    aria-label={`Row ${i + 1} max quantity`}
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
                    aria-label={`Remove row ${i + 1}${r.asset ? ` (${r.asset})` : ""}`}
                    onClick={() => onChange(rows.filter((x) => x.id !== r.id))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" className="btn btn-small" onClick={() => onChange([...rows, newRow()])}>
        Add asset
      </button>
    </fieldset>
  );
}
