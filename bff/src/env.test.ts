import { describe, expect, it } from "vitest";
import { allowedOrigins, ConfigError, loadConfig } from "./env.ts";

describe("session config", () => {
  it("refuses demo users in production (ConfigError)", () => {
    expect(() => loadConfig({}, { NODE_ENV: "production", PREGAO_DEMO: "1" })).toThrow(ConfigError);
    expect(() => loadConfig({}, { NODE_ENV: "production", PREGAO_DEMO: "true" })).toThrow(/PREGAO_DEMO/);
    expect(loadConfig({}, { NODE_ENV: "production" }).PREGAO_DEMO).toBe(false);
    expect(loadConfig({}, { PREGAO_DEMO: "1" }).PREGAO_DEMO).toBe(true);
  });

  it("defaults the timeouts to 30 min idle and 8 h absolute", () => {
    const c = loadConfig({}, {});
    expect([c.SESSION_IDLE_MS, c.SESSION_ABSOLUTE_MS, c.SESSION_REVALIDATE_MS]).toEqual([
      1_800_000, 28_800_000, 5000,
    ]);
    expect(c.USERS_FILE).toMatch(/bff\/data\/users\.json$/);
  });

  it("computes the origin allowlist from the bound port, or takes ALLOWED_ORIGINS", () => {
    expect(allowedOrigins(loadConfig({}, {}), 4321)).toEqual([
      "http://127.0.0.1:4321",
      "http://localhost:4321",
      "http://127.0.0.1:5173",
      "http://localhost:5173",
    ]);
    const c = loadConfig(
      {},
      { ALLOWED_ORIGINS: "https://a.example, https://b.example", PUBLIC_ORIGIN: "https://p.example/x" },
    );
    expect(allowedOrigins(c, 1)).toEqual(["https://a.example", "https://b.example", "https://p.example"]);
  });
});

describe("realtime config", () => {
  it("takes FLUSH_GROUPS from 1 to 10 (default 5) and refuses anything else by name", () => {
    expect(loadConfig({}, {}).FLUSH_GROUPS).toBe(5);
    expect(loadConfig({}, { FLUSH_GROUPS: "1" }).FLUSH_GROUPS).toBe(1);
    for (const bad of ["0", "11", "2.5", "x"])
      expect(() => loadConfig({}, { FLUSH_GROUPS: bad })).toThrow(/FLUSH_GROUPS/);
  });
});
