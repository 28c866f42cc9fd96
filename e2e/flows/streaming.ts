import { expect } from "@playwright/test";
import type { Watchlist } from "../components/watchlist.ts";

/** Waits until the watchlist shows a price for `asset` and then a different one: quotes are streaming. */
export async function expectStreaming(watchlist: Watchlist, asset: string, timeout = 15_000): Promise<void> {
  const cell = watchlist.lastPrice(asset);
  await expect(cell).toHaveText(/\d/, { timeout });
  const first = await cell.textContent();
  await expect
    .poll(() => cell.textContent(), { timeout, message: `${asset} last price should change` })
    .not.toBe(first);
}

/** Any asset of the list changing is enough when the test does not care which (low-rate sim). */
export async function expectAnyStreaming(
  watchlist: Watchlist,
  assets: string[],
  timeout = 15_000,
): Promise<void> {
  const read = () => Promise.all(assets.map((a) => watchlist.lastPrice(a).textContent()));
  await expect
    .poll(async () => (await read()).filter((t) => t && /\d/.test(t)).length, { timeout })
    .toBeGreaterThan(0);
  const before = (await read()).join("|");
  await expect
    .poll(async () => (await read()).join("|"), { timeout, message: "some quote should change" })
    .not.toBe(before);
}
