import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";

const WEB = resolve(import.meta.dirname, "web");

const BFF = "http://127.0.0.1:9080";

/** The build's release (Sentry `release`): VITE_GIT_SHA when the build sets it, else this checkout's HEAD. */
function gitSha(): string {
  if (process.env.VITE_GIT_SHA) return process.env.VITE_GIT_SHA;
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd: import.meta.dirname, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

/**
 * The SPA lives in web/. `vite build` → web/dist (served by the BFF); `vite build --mode e2e` → web/dist-e2e, the only
 * build that contains the test hooks (`import.meta.env.MODE === "e2e"` is replaced statically, so production drops them).
 */
export default defineConfig(({ mode }) => ({
  root: WEB,
  envDir: WEB,
  plugins: [react()],
  define: { "import.meta.env.VITE_GIT_SHA": JSON.stringify(gitSha()) },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      "/api": { target: BFF, changeOrigin: false },
      "/health": { target: BFF, changeOrigin: false },
      "/socket.io": { target: BFF, ws: true, changeOrigin: false },
    },
  },
  preview: { port: 4173 },
  build: {
    outDir: resolve(WEB, mode === "e2e" ? "dist-e2e" : "dist"),
    emptyOutDir: true,
    sourcemap: "hidden",
    target: "es2022",
    // Every es2022 browser supports modulepreload; the polyfill is dead code, and CSP (`script-src 'self'`) leaves no
    // room for anything inline.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Order matters: the first matching group wins.
            { name: "vendor-react", test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: "vendor-query", test: /[\\/]node_modules[\\/]@tanstack[\\/]/ },
            {
              name: "vendor-socket",
              test: /[\\/]node_modules[\\/](socket\.io-client|engine\.io-client|engine\.io-parser|socket\.io-parser|@socket\.io|debug|ms|xmlhttprequest-ssl)[\\/]/,
            },
            // contracts' schemas (feed:status validation) need zod on the first screen; cache it apart from app code.
            // The jitless switch (lib/zod-jitless.ts → contracts/src/zod-csp.ts) lives in the same chunk, so it runs
            // before any schema is built whichever chunk builds it first (a shared app chunk is evaluated before
            // index's own body, where main.tsx's first import would otherwise run: the CSP then sees zod's eval probe).
            {
              name: "vendor-zod",
              test: /[\\/]node_modules[\\/]zod[\\/]|[\\/]contracts[\\/]src[\\/]zod-csp\.ts$|[\\/]lib[\\/]zod-jitless\.ts$/,
            },
            // Sentry is only reached through lib/sentry.ts's dynamic import, so this chunk loads only with a DSN.
            { name: "vendor-sentry", test: /[\\/]node_modules[\\/]@sentry(-internal)?[\\/]/ },
          ],
        },
      },
    },
  },
}));
