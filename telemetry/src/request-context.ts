import { AsyncLocalStorage } from "node:async_hooks";

/** What every log line written while serving one request carries. */
export interface RequestContext {
  /** The request id: the BFF's own (Hono's `x-request-id`), forwarded to the services so their lines join up. */
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` (and everything it awaits or schedules) inside `ctx`; the logger's mixin reads it back. */
export function runWithRequestContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/** The request being served by the current async chain, or undefined outside a request. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
