import { lazy, type ComponentType, type LazyExoticComponent } from "react";
import { PanelLoadError } from "../components/panel-error-fallback.tsx";
import type { PanelEntry } from "./panel-registry.ts";

const cache = new Map<string, LazyExoticComponent<ComponentType>>();

/**
 * The React.lazy component of a panel type, created once per type (several charts share one chunk and component). `lazy` remembers a rejected import forever, so a failed
 * chunk load drops the cache entry: the next render after "Reload panel" gets a fresh `lazy` and fetches again.
 */
export function lazyPanel(entry: PanelEntry): LazyExoticComponent<ComponentType> {
  let component = cache.get(entry.id);
  if (!component) {
    component = lazy(() =>
      entry.load().catch((err: unknown) => {
        cache.delete(entry.id);
        throw new PanelLoadError(err);
      }),
    );
    cache.set(entry.id, component);
  }
  return component;
}
