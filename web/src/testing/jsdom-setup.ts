/**
 * What jsdom lacks and real browsers have. Without these, a lazy panel that resolves late in a test (the chart:
 * lightweight-charts watches the device pixel ratio with matchMedia and sizes itself with ResizeObserver) throws an
 * unhandled rejection after the test has passed, and vitest fails the run.
 */
if (typeof window !== "undefined" && typeof window.matchMedia !== "function") {
  window.matchMedia = (query: string): MediaQueryList => {
    const list: MediaQueryList = {
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    };
    return list;
  };
}

if (typeof globalThis.ResizeObserver !== "function") {
  globalThis.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}
