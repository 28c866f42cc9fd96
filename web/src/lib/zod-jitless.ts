/**
 * Turn off zod's JIT before any schema is built. zod 4 probes `new Function("")` once and compiles object parsers
 * with it; under the BFF's CSP (`script-src 'self'`, no `unsafe-eval`) the probe is refused and Chromium reports a
 * `securitypolicyviolation` even though zod catches the throw. zod reads its global config from
 * `globalThis.__zod_globalConfig` (core.js), and object schemas read `jitless` when they are created — so this module
 * must be main.tsx's first import (web has no direct zod dependency to call `z.config` with).
 */
const g = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
g.__zod_globalConfig ??= {};
g.__zod_globalConfig.jitless = true;

export {};
