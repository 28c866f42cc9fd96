import type { AssetInfo, CatalogState } from "@pregao/contracts";

const sameInfo = (a: AssetInfo, b: AssetInfo): boolean =>
  (Object.keys(a) as Array<keyof AssetInfo>).every((k) => a[k] === b[k]);

/**
 * The upstream's asset list (from `listAssets` on every connect, refreshed when incomplete), cached across
 * reconnects. `version` changes whenever the content changes (ETags); `state` says whether evidence suggests assets
 * are missing (the protocol carries no count, so completeness can only be inferred).
 */
export class InstrumentCatalog {
  private byAsset = new Map<string, AssetInfo>();
  private loaded = false;
  private stateValue: CatalogState = { state: "loading", since: Date.now(), reason: null };
  /** Changes whenever the content changes; 0 before the first list. */
  version = 0;

  /** False until the first `assetList` arrives. */
  get known(): boolean {
    return this.loaded;
  }

  get state(): CatalogState {
    return this.stateValue;
  }

  /** A full list arrived: it replaces the content and clears any suspicion of incompleteness. */
  replace(list: readonly AssetInfo[]): void {
    const next = new Map(list.map((i) => [i.asset, i]));
    const changed =
      !this.loaded ||
      next.size !== this.byAsset.size ||
      [...next].some(([asset, info]) => {
        const old = this.byAsset.get(asset);
        return !old || !sameInfo(old, info);
      });
    this.byAsset = next;
    this.loaded = true;
    if (changed) this.version++;
    if (this.stateValue.state !== "complete") this.setState("complete", null);
  }

  /** The upstream described an asset the list lacks (`assetInfo`): keep it, and say the list is incomplete. */
  learn(info: AssetInfo): boolean {
    if (this.byAsset.has(info.asset)) return false;
    this.byAsset.set(info.asset, info);
    this.version++;
    return true;
  }

  /** Evidence says assets are missing; stays so until the next full list. */
  markIncomplete(reason: string): void {
    if (this.stateValue.state !== "incomplete") this.setState("incomplete", reason);
  }

  /** One asset's info, or undefined when the catalog does not list it. */
  get(asset: string): AssetInfo | undefined {
    return this.byAsset.get(asset);
  }

  has(asset: string): boolean {
    return this.byAsset.has(asset);
  }

  list(): AssetInfo[] {
    return [...this.byAsset.values()];
  }

  private setState(state: CatalogState["state"], reason: string | null): void {
    this.stateValue = { state, since: Date.now(), reason };
  }
}
