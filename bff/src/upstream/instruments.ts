import type { AssetInfo } from "@pregao/contracts";

/** The upstream's asset list (from `listAssets` on every connect), cached across reconnects. */
export class InstrumentCatalog {
  private byAsset = new Map<string, AssetInfo>();
  private loaded = false;

  /** False until the first `assetList` arrives. */
  get known(): boolean {
    return this.loaded;
  }

  replace(list: readonly AssetInfo[]): void {
    this.byAsset = new Map(list.map((i) => [i.asset, i]));
    this.loaded = true;
  }

  has(asset: string): boolean {
    return this.byAsset.has(asset);
  }

  list(): AssetInfo[] {
    return [...this.byAsset.values()];
  }
}
