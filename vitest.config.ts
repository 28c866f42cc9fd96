import { defineConfig } from "vitest/config";

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
  },
});
