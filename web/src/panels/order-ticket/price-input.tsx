import { formatPriceInput } from "../../lib/format.ts";
import { parsePrice, stepPrice } from "./ticket-math.ts";

interface PriceInputProps {
  id: string;
  label: string;
  value: string;
  tick: number | undefined;
  /** Where ArrowUp starts from when the field is empty (e.g. last trade). */
  reference: number | null;
  disabled?: boolean;
  onChange(value: string): void;
}

/** A price field stepped by the instrument's tick: ArrowUp/Down one tick, with Shift ten. */
export function PriceInput({ id, label, value, tick, reference, disabled, onChange }: PriceInputProps) {
  return (
    <label className="field" htmlFor={id}>
      {label}
      <input
        id={id}
        className="input num"
        inputMode="decimal"
        autoComplete="off"
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if ((e.key !== "ArrowUp" && e.key !== "ArrowDown") || !tick) return;
          e.preventDefault();
          const dir = e.key === "ArrowUp" ? 1 : -1;
          let next = parsePrice(value);
          if (!(next > 0)) next = reference ?? tick;
          else for (let i = 0; i < (e.shiftKey ? 10 : 1); i++) next = stepPrice(next, tick, dir);
          onChange(formatPriceInput(next, tick));
        }}
      />
    </label>
  );
}
