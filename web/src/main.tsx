// First: must run before zod (through contracts) builds any schema. See lib/zod-jitless.ts.
import "./lib/zod-jitless.ts";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app.tsx";
import { initSentry } from "./lib/sentry.ts";
import { startTheme } from "./app/theme/theme-store.ts";
import "./app/theme.css";
// Shared component styles (buttons, inputs, tables, notes) load with the entry, never with whichever lazy panel
// happened to import them first (the viewer's tape lost its table styling that way). css-reachability.test.ts.
import "./components/controls.css";

void initSentry();
// Before the first render: the login page (and the splash) already show the OS's theme.
startTheme();

// Statically false outside `vite build --mode e2e`, so production bundles drop the import and its chunk.
if (import.meta.env.MODE === "e2e") {
  void import("./lib/test-hooks.ts").then((m) => m.installTestHooks());
}

const root = document.getElementById("root");
if (!root) throw new Error("#root missing from index.html");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
