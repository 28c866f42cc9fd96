import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type * as SentryModule from "./sentry-sdk.ts";
import {
  initSentry,
  isSentryEnabled,
  reportPanelError,
  resetSentryForTests,
  setSentryUser,
} from "./sentry.ts";

interface FakeScope {
  tags: Record<string, string>;
  setTag(k: string, v: string): void;
  setContext(): void;
}

function fakeSdk() {
  const scope: FakeScope = {
    tags: {},
    setTag(k, v) {
      this.tags[k] = v;
    },
    setContext: () => undefined,
  };
  const sdk = {
    init: vi.fn(),
    setUser: vi.fn(),
    captureException: vi.fn(() => scope.tags.panel),
    withScope: vi.fn((fn: (s: FakeScope) => void) => fn(scope)),
  };
  return { sdk, scope, load: vi.fn(() => Promise.resolve(sdk as unknown as typeof SentryModule)) };
}

const respond = (body: unknown, status = 200) =>
  vi.stubGlobal(
    "fetch",
    vi.fn(() => Promise.resolve(new Response(JSON.stringify(body), { status }))),
  );

beforeEach(() => resetSentryForTests());
afterEach(() => vi.unstubAllGlobals());

describe("initSentry (runtime DSN)", () => {
  it("never loads the SDK when the BFF has no DSN", async () => {
    respond({ sentry: null });
    const { load } = fakeSdk();
    await initSentry(load);
    expect(load).not.toHaveBeenCalled();
    expect(isSentryEnabled()).toBe(false);
    reportPanelError("watchlist", new Error("x")); // no-op, no throw
  });

  it("never loads the SDK when the client config cannot be read", async () => {
    respond({ error: { code: "INTERNAL", message: "x" } }, 500);
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { load } = fakeSdk();
    await initSentry(load);
    expect(load).not.toHaveBeenCalled();
  });

  it("loads and inits once with the served DSN, environment and sample rate, no default PII", async () => {
    respond({ sentry: { dsn: "http://public@127.0.0.1:9/1", environment: "staging", sampleRate: 0.5 } });
    const { sdk, load } = fakeSdk();
    await Promise.all([initSentry(load), initSentry(load)]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(sdk.init).toHaveBeenCalledWith({
      dsn: "http://public@127.0.0.1:9/1",
      environment: "staging",
      sampleRate: 0.5,
      release: import.meta.env.VITE_GIT_SHA,
      dataCollection: {
        userInfo: false,
        cookies: false,
        httpHeaders: false,
        httpBodies: [],
        urlQueryParams: false,
      },
    });
    expect(isSentryEnabled()).toBe(true);
  });

  it("tags panel errors with the panel id", async () => {
    respond({ sentry: { dsn: "http://k@h.example/1", environment: "e", sampleRate: 1 } });
    const { sdk, load } = fakeSdk();
    await initSentry(load);
    const err = new Error("boom");
    reportPanelError("order-book", err, "at X");
    expect(sdk.captureException).toHaveBeenCalledWith(err);
    expect(sdk.captureException.mock.results[0]?.value).toBe("order-book");
  });

  it("sets the user as { id } only — also when the session was known before the SDK loaded — and clears it", async () => {
    respond({ sentry: { dsn: "http://k@h.example/1", environment: "e", sampleRate: 1 } });
    const { sdk, load } = fakeSdk();
    setSentryUser("u-trader");
    await initSentry(load);
    expect(sdk.setUser).toHaveBeenLastCalledWith({ id: "u-trader" });
    setSentryUser("u-risk");
    expect(sdk.setUser).toHaveBeenLastCalledWith({ id: "u-risk" });
    setSentryUser(null);
    expect(sdk.setUser).toHaveBeenLastCalledWith(null);
  });
});
