import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** The packages held to the coverage bar (bench is a harness: `pnpm bench` is its check, not line coverage). */
const packages = ["contracts", "telemetry", "sim", "bff", "web"] as const;
/** Issue 12 "Coverage in CI": at least this share of lines per package, or `pnpm test:unit` fails. */
const MIN_LINES = 80;

/** One vitest run over every package: unit tests beside the code, integration tests under <pkg>/tests. */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          include: ["{contracts,telemetry,sim,bff,bench}/{src,tests}/**/*.test.ts"],
          typecheck: {
            enabled: true,
            include: ["contracts/src/**/*.test-d.ts"],
            tsconfig: "contracts/tsconfig.json",
          },
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        test: {
          name: "web",
          environment: "jsdom",
          include: ["web/src/**/*.test.{ts,tsx}"],
          setupFiles: ["web/src/testing/jsdom-setup.ts"],
        },
      },
    ],
    // Off unless asked for (`pnpm test:unit` passes --coverage): a narrow run of one file would fail the thresholds.
    coverage: {
      provider: "v8",
      // Every source file counts, tested or not (an untested module is 0 %, not absent).
      include: packages.map((p) => `${p}/src/**/*.{ts,tsx}`),
      exclude: [
        // Tests and type tests themselves.
        "**/*.test.{ts,tsx}",
        "**/*.test-d.ts",
        "**/*.d.ts",
        // Test support that runs only inside tests (shared store suites, the test database, jsdom setup): its
        // coverage would measure the tests, not the product.
        "**/*-suite.ts",
        "bff/src/**/pg-test-db.ts",
        "web/src/testing/**",
        // Process entry points: flag parsing and signal wiring around the factories the tests do start
        // (startSim, startBff, <App/>); the E2E suite runs them.
        "sim/src/main.ts",
        "bff/src/index.ts",
        "web/src/main.tsx",
      ],
      reportsDirectory: "coverage",
      reporter: [
        [
          fileURLToPath(new URL("scripts/coverage-by-package.cjs", import.meta.url)),
          { packages, minLines: MIN_LINES },
        ],
        // coverage/coverage-summary.json for CI artifacts and trend tools.
        ["json-summary"],
      ],
      // A glob's threshold applies to the sum of the files it matches: one bar per package.
      thresholds: Object.fromEntries(packages.map((p) => [`${p}/src/**`, { lines: MIN_LINES }])),
    },
  },
});
