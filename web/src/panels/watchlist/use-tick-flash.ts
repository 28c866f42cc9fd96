import { useState } from "react";

export interface TickFlash {
  dir: "up" | "down";
  /** Increments per change: used as a React key so the CSS animation restarts on every tick. */
  seq: number;
}

/** Direction of the last change of `value`, derived during render (no effects, no timers; CSS fades it out). */
export function useTickFlash(value: number | null): TickFlash | null {
  const [prev, setPrev] = useState(value);
  const [flash, setFlash] = useState<TickFlash | null>(null);
  if (value !== prev) {
    setPrev(value);
    if (prev !== null && value !== null) {
      setFlash({ dir: value > prev ? "up" : "down", seq: (flash?.seq ?? 0) + 1 });
    }
  }
  return flash;
}
