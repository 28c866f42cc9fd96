import type { Page } from "@playwright/test";

declare global {
  interface Window {
    __appearedAt?: Record<string, number>;
  }
}

/**
 * Records, inside the page, the wall-clock time (Date.now()) at which an element matching `css` first appears — a
 * MutationObserver, so the figure is not rounded up to Playwright's polling or slowed by a loaded test runner.
 * Returns a reader that waits for the record. Page and runner share the machine's clock.
 */
export async function watchAppearance(page: Page, css: string): Promise<() => Promise<number>> {
  await page.evaluate((sel) => {
    const marks = (window.__appearedAt ??= {});
    delete marks[sel];
    const check = () => {
      if (marks[sel] === undefined && document.querySelector(sel)) {
        marks[sel] = Date.now();
        observer.disconnect();
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    check();
  }, css);
  return async () => {
    const handle = await page.waitForFunction((sel) => window.__appearedAt?.[sel], css, { timeout: 10_000 });
    return (await handle.jsonValue()) as number;
  };
}

/** Records Date.now() of the next click on an element matching `css` (capture phase, before React sees it). */
export async function watchClick(page: Page, css: string): Promise<() => Promise<number>> {
  await page.evaluate((sel) => {
    const marks = (window.__appearedAt ??= {});
    const key = `click:${sel}`;
    delete marks[key];
    const onClick = (e: Event) => {
      if (!(e.target instanceof Element) || !e.target.closest(sel)) return;
      marks[key] = Date.now();
      document.removeEventListener("click", onClick, true);
    };
    document.addEventListener("click", onClick, true);
  }, css);
  return async () => {
    const handle = await page.waitForFunction((sel) => window.__appearedAt?.[`click:${sel}`], css);
    return (await handle.jsonValue()) as number;
  };
}
