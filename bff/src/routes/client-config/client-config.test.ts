import { describe, expect, it } from "vitest";
import { clientConfigSchema } from "@pregao/contracts";
import { createApp, type AppDeps } from "../../app.ts";
import { DemoUserDirectory } from "../../identity/demo-users.ts";
import { FileUserDirectory } from "../../identity/file-user-directory.ts";
import { silentLogger } from "../../lib/logger.ts";
import { MemorySessionStore } from "../../session/memory-store.ts";
import { SessionService } from "../../session/session-service.ts";
import { clientConfigFrom, type ClientConfigSettings } from "./index.ts";

const settings = (over: Partial<ClientConfigSettings>): ClientConfigSettings => ({
  NODE_ENV: "production",
  WEB_SENTRY_DSN: undefined,
  WEB_SENTRY_ENVIRONMENT: undefined,
  WEB_SENTRY_SAMPLE_RATE: 1,
  ...over,
});

const users = await DemoUserDirectory.create(new FileUserDirectory("/nonexistent/users.json"));

function app(clientConfig?: AppDeps["clientConfig"]) {
  return createApp({
    sessions: new SessionService({ store: new MemorySessionStore(), idleMs: 60_000, absoluteMs: 600_000 }),
    users,
    logger: silentLogger,
    catalog: { known: true, list: () => [] },
    feedStatus: () => {
      throw new Error("not used");
    },
    readyMaxFeedAgeMs: 1000,
    stats: () => ({}),
    webDist: null,
    clientConfig,
  });
}

describe("clientConfigFrom", () => {
  it("is sentry: null without a DSN", () => {
    expect(clientConfigFrom(settings({ WEB_SENTRY_ENVIRONMENT: "staging" })).sentry).toBeNull();
  });

  it("carries the DSN, the environment (default NODE_ENV) and the sample rate", () => {
    const dsn = "https://k@o1.ingest.sentry.io/2";
    expect(clientConfigFrom(settings({ WEB_SENTRY_DSN: dsn, WEB_SENTRY_SAMPLE_RATE: 0.25 }))).toEqual({
      sentry: { dsn, environment: "production", sampleRate: 0.25 },
    });
    expect(
      clientConfigFrom(settings({ WEB_SENTRY_DSN: dsn, WEB_SENTRY_ENVIRONMENT: "staging" })).sentry
        ?.environment,
    ).toBe("staging");
  });
});

describe("GET /api/v1/client-config", () => {
  it("is public (no session) and answers the configured settings in the contracts' shape", async () => {
    const config = clientConfigFrom(settings({ WEB_SENTRY_DSN: "http://public@127.0.0.1:4000/1" }));
    const res = await app(config).request("/api/v1/client-config");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, max-age=60");
    expect(clientConfigSchema.parse(await res.json())).toEqual(config);
  });

  it("answers sentry: null when the app has no client config", async () => {
    const res = await app().request("/api/v1/client-config");
    expect(await res.json()).toEqual({ sentry: null });
  });
});
