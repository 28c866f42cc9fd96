// One lint config for the workspace. Import-direction rules follow docs/architecture.md (house style).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import importX, { createNodeResolver } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

/** Forbid imports that point against the dependency direction. */
const forbid = (files, patterns) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns }] },
});

/**
 * The bff's layers (docs/architecture.md, "Layers inside the BFF"): each inner layer lists what it may import; the
 * outer ones list what they may not. Paths are relative to bff/src. Tests beside the code may cross layers.
 */
const bffInner = {
  lib: [],
  upstream: ["lib"],
  // db: the one database handle (pools, migrations, replica routing); the areas that store rows take it.
  // db/migrations.ts lists each area's migration; the area keeps its tables' definition.
  db: ["lib", "audit/migration.ts"],
  workspace: ["lib", "db"],
  // audit: the database trail; env.ts for its CLI (verify-cli.ts), the test database helper for test-db.ts.
  audit: ["lib", "db", "env.ts", "workspace/pg-test-db.ts"],
  // env.ts and db: identity/cli.ts is a command-line entry point that opens the users table itself (open-user-store.ts)
  identity: ["lib", "env.ts", "db"],
  bars: ["lib", "upstream"],
  tape: ["lib", "upstream", "bars"],
  session: ["lib", "identity", "app-env.ts"],
  // The access table is built from the route table (one definition of a route's facts; security/access-table.ts).
  security: ["lib", "identity", "session", "app-env.ts", "routes/route-def.ts", "routes/route-table.ts"],
  services: ["lib", "env.ts"],
};
const wiring = ["compose", "server.ts", "index.ts"];
const bffOuter = {
  observability: ["routes", "app.ts", ...wiring],
  realtime: ["routes", "app.ts", ...wiring],
  cluster: ["routes", "app.ts", ...wiring],
  routes: ["realtime", "cluster", "app.ts", ...wiring],
  compose: ["server.ts", "index.ts"],
};
const bffZones = [
  ...Object.entries(bffInner).map(([layer, allowed]) => ({
    target: `bff/src/${layer}`,
    from: "bff/src",
    except: [layer, ...allowed].map((p) => `./${p}`),
    message: `bff/src/${layer} may import only ${allowed.join(", ") || "npm packages and contracts"}`,
  })),
  ...Object.entries(bffOuter).map(([layer, forbidden]) => ({
    target: `bff/src/${layer}`,
    from: forbidden.map((p) => `bff/src/${p}`),
    message: `bff/src/${layer} must not import ${forbidden.join(", ")}`,
  })),
  {
    target: ["bff/src/!(server|index).ts", "bff/src/!(compose)/**"],
    from: "bff/src/compose",
    message: "only server.ts wires the areas (compose/)",
  },
  { target: "bff/src/!(index).ts", from: "bff/src/server.ts", message: "only index.ts starts the BFF" },
];

const panelNames = [
  "watchlist",
  "connection",
  "accounts",
  "order-ticket",
  "blotter",
  "positions",
  "order-book",
  "time-and-sales",
  "risk",
  "audit",
];
/** Later flat-config blocks replace earlier options for the same rule, so every web block carries this one too. */
const webCommon = {
  group: ["**/bff/src/*"],
  message: "web may only `import type { AppType }` from @pregao/bff/app",
};

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/dist-e2e/**",
      "test-results/**",
      "playwright-report/**",
      "bench/results/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { "import-x": importX },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "import-x/no-cycle": "off", // on for bff/src below (repo-wide it triples lint CPU)
      "import-x/no-self-import": "error",
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    files: ["web/src/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  // contracts import nothing but zod.
  forbid(
    ["contracts/src/**"],
    [
      {
        group: ["@pregao/*", "../../sim/*", "../../bff/*", "../../web/*"],
        message: "contracts import nothing but zod",
      },
    ],
  ),
  // telemetry (logger, tracing start-up, request context) is process plumbing: no Pregão package below it.
  forbid(
    ["telemetry/src/**"],
    [{ group: ["@pregao/*", "../../*/src/*"], message: "telemetry imports no Pregão package" }],
  ),
  // sim and bff never import each other's source (tests may drive the sim as a peer process).
  forbid(
    ["sim/src/**"],
    [{ group: ["@pregao/bff*", "@pregao/web*"], message: "sim depends on contracts and telemetry only" }],
  ),
  forbid(
    ["bff/src/**"],
    [{ group: ["@pregao/sim*", "@pregao/web*"], message: "bff depends on contracts and telemetry only" }],
  ),
  // Inside bff: upstream knows nothing of Hono or socket.io; routes never import routes.
  forbid(
    ["bff/src/upstream/**"],
    [
      {
        group: ["hono", "hono/*", "socket.io", "../routes/*", "../realtime/*", "../app*"],
        message: "upstream is transport-agnostic",
      },
    ],
  ),
  // The workspace store (workspace/) is storage only: no HTTP, no sockets; routes/workspace/ maps its errors.
  forbid(
    ["bff/src/workspace/**"],
    [
      {
        group: ["hono", "hono/*", "socket.io", "../routes/*", "../realtime/*", "../app*"],
        message: "workspace/ knows nothing of Hono or socket.io",
      },
    ],
  ),
  {
    files: ["bff/src/**/*.ts"],
    // Relative imports carry their `.ts` extension, so node resolution finds every file the two rules follow.
    settings: {
      "import-x/extensions": [".ts", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".js"] })],
    },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    files: ["bff/src/**/*.ts"],
    ignores: ["bff/src/**/*.test.ts"],
    rules: { "import-x/no-restricted-paths": ["error", { zones: bffZones }] },
  },
  forbid(
    ["bff/src/routes/**"],
    [{ group: ["../*/index*", "../../realtime/*"], message: "routes never import routes" }],
  ),
  // Inside web: lib/components/stream → panels → app.
  forbid(
    ["web/src/{lib,components,stream}/**"],
    [{ group: ["**/panels/*", "**/app/*"], message: "shared code must not import panels or app" }, webCommon],
  ),
  ...panelNames.map((name) =>
    forbid(
      [`web/src/panels/${name}/**`],
      [
        { group: ["**/app/*"], message: "panels must not import app" },
        {
          group: panelNames
            .filter((n) => n !== name)
            .map((n) => `**/panels/${n}/*`)
            .concat(panelNames.filter((n) => n !== name).map((n) => `../${n}/*`)),
          message: "panels never import each other; talk through stores and the URL",
        },
        {
          group: ["socket.io-client", "hono/client", "@sentry/react"],
          message: "only lib/ and stream/ talk to the network",
        },
        webCommon,
      ],
    ),
  ),
  forbid(
    ["web/src/{app,components}/**"],
    [
      {
        group: ["socket.io-client", "hono/client", "@sentry/react"],
        message: "only lib/ and stream/ talk to the network",
      },
      webCommon,
    ],
  ),
  forbid(["e2e/**"], [{ group: ["**/web/src/*", "@pregao/web*"], message: "e2e never imports web source" }]),
);
