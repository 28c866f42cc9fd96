import { z } from "zod";
import { databaseConfigShape, type DatabaseConfig } from "./config.ts";

/**
 * The database settings as a test sees them: the schema's own defaults (never the process environment), NODE_ENV=test
 * (in-memory PGlite, lazy open); `overrides` win.
 */
export function testDatabaseConfig(overrides: Partial<DatabaseConfig> = {}): DatabaseConfig {
  return { ...z.object(databaseConfigShape).parse({}), NODE_ENV: "test", ...overrides };
}
