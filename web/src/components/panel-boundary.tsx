import { useCallback, type ErrorInfo, type ReactNode } from "react";
import { QueryErrorResetBoundary } from "@tanstack/react-query";
import { ErrorBoundary } from "react-error-boundary";
import { reportPanelError } from "../lib/sentry.ts";
import { useTestCrashStore } from "../lib/test-crash-store.ts";
import { PanelErrorFallback } from "./panel-error-fallback.tsx";

interface PanelBoundaryProps {
  id: string;
  title: string;
  /** Called after "Reload panel", before the panel renders again (e.g. to retry a failed chunk). */
  onReset?: () => void;
  children: ReactNode;
}

/**
 * Per-panel isolation: a crash here replaces this panel only. Failed queries inside are reset with the boundary, the
 * error goes to Sentry tagged with the panel id, and E2E builds can force a crash through the test-crash store.
 */
export function PanelBoundary({ id, title, onReset, children }: PanelBoundaryProps) {
  const handleError = useCallback(
    (error: unknown, info: ErrorInfo) => {
      useTestCrashStore.getState().consume(id);
      reportPanelError(id, error, info.componentStack);
    },
    [id],
  );
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <ErrorBoundary
          onError={handleError}
          onReset={() => {
            reset();
            onReset?.();
          }}
          fallbackRender={(props) => <PanelErrorFallback {...props} title={title} />}
        >
          <TestCrashProbe id={id} />
          {children}
        </ErrorBoundary>
      )}
    </QueryErrorResetBoundary>
  );
}

/** Throws while a test crash is pending for this panel. Renders nothing otherwise. */
function TestCrashProbe({ id }: { id: string }) {
  const pending = useTestCrashStore((s) => s.pending.has(id));
  if (pending) throw new Error(`Test crash requested for panel "${id}"`);
  return null;
}
