import { AsyncLocalStorage } from "node:async_hooks";

/** What every log line written while serving one service request carries. */
export interface RequestContext {
  /** The caller's `x-request-id` (the BFF forwards its own), so BFF and sim lines of one request join up. */
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` (and everything it awaits) inside `ctx`; the logger's mixin reads it back. */
export function runWithRequestContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/** The request being served by the current async chain, or undefined. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
