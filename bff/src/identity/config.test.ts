import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../env.ts";

const load = (env: Record<string, string>) => loadConfig({}, { NODE_ENV: "test", ...env });

describe("USERS_STORE", () => {
  it("defaults to the file, so simple setups keep USERS_FILE alone", () => {
    const c = load({});
    expect(c.USERS_STORE).toBe("file");
    expect(c.USERS_FILE).toMatch(/bff\/data\/users\.json$/);
  });

  it("postgres is accepted with a PostgreSQL URL", () => {
    expect(load({ USERS_STORE: "postgres", DATABASE_URL: "postgres://db:5432/pregao" }).USERS_STORE).toBe(
      "postgres",
    );
  });

  it("postgres without DATABASE_URL, or an unknown store, stops the start naming USERS_STORE", () => {
    for (const env of [{ USERS_STORE: "postgres" }, { USERS_STORE: "mysql" }]) {
      const err = (() => {
        try {
          load(env);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).issues.join("\n")).toMatch(/^USERS_STORE: /m);
    }
  });
});
