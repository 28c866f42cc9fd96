import type { AssetInfo } from "@pregao/contracts";

/** An instrument for tests (a stock with a 100-share lot and R$0.01 ticks); override what matters. */
export function makeAssetInfo(asset: string, over: Partial<AssetInfo> = {}): AssetInfo {
  return {
    asset,
    name: asset,
    description: over.name ?? asset,
    minOrderQty: 100,
    maxOrderQty: 100_000,
    lot: 100,
    securityType: 0,
    securitySubType: 0,
    tickSize: 0.01,
    contractMultiplier: 1,
    validDate: null,
    isin: null,
    sector: null,
    ...over,
  };
}
