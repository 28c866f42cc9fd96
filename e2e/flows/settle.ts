import { expect } from "@playwright/test";

/**
 * Wait until `read()` has been `expected` for at least `settleMs` (bounded by `timeoutMs`): for "exactly one" and
 * "none at all", where passing on the first look would prove nothing.
 */
export async function expectSettled(
  read: () => number,
  expected: number,
  {
    settleMs = 2000,
    timeoutMs = 10_000,
    message,
  }: { settleMs?: number; timeoutMs?: number; message?: string } = {},
): Promise<void> {
  let since = Date.now();
  let last = read();
  await expect
    .poll(
      () => {
        const now = read();
        if (now !== last) {
          last = now;
          since = Date.now();
        }
        return now === expected && Date.now() - since >= settleMs;
      },
      { timeout: timeoutMs, message: message ?? `expected ${expected}, steady for ${settleMs} ms` },
    )
    .toBe(true);
  expect(read()).toBe(expected);
}
