import type { ReactNode } from "react";

/** One React subtree dockview asked for (a panel's content, a tab, a group's header actions) and where it goes. */
export interface DockPortal {
  key: string;
  element: HTMLElement;
  node: ReactNode;
}

/**
 * The React subtrees rendered into dockview's elements. dockview (framework-free since v8) creates the elements;
 * the host renders every entry with `createPortal`, so all of them share the app's providers and stores, also after
 * dockview moves an element into a pop-out window. A portal stays mounted while its tab is hidden (dockview detaches
 * the element): the panel keeps streaming.
 */
export class PortalStore {
  private portals = new Map<string, DockPortal>();
  private snapshot: readonly DockPortal[] = [];
  private readonly listeners = new Set<() => void>();

  set(key: string, element: HTMLElement, node: ReactNode): void {
    this.portals.set(key, { key, element, node });
    this.publish();
  }

  delete(key: string): void {
    if (this.portals.delete(key)) this.publish();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): readonly DockPortal[] => this.snapshot;

  private publish(): void {
    this.snapshot = [...this.portals.values()];
    for (const l of this.listeners) l();
  }
}
