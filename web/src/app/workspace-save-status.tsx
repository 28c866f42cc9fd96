import { useSyncExternalStore } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { errorText } from "../i18n/error-text.ts";
import { useT } from "../i18n/use-t.ts";
import { workspaceSaverFor, type WorkspaceSaver } from "../lib/workspace.ts";
import "./workspace-save-status.css";

type Translate = ReturnType<typeof useT>;

/**
 * The header's word on workspace saves (layouts, watchlists, preferences), shown only while something is not saved:
 * "storage is read-only" while the BFF's database refuses writes (503 DATA_STORE_READ_ONLY: its primary is down), or
 * "retrying" for any other transient failure — in both cases the saver keeps the unsaved document and retries with
 * backoff until a save goes through — or the refusal when the server rejected it for good.
 */
export function saveStatusText(save: ReturnType<WorkspaceSaver["getSnapshot"]>, t: Translate): string {
  if (save.status === "retrying")
    return save.error?.code === "DATA_STORE_READ_ONLY"
      ? t("status.layoutReadOnly")
      : t("status.layoutRetrying");
  if (save.status === "failed")
    return t("status.layoutFailed", {
      message: save.error ? errorText(save.error) : t("status.layoutRefused"),
    });
  return "";
}

/**
 * Live region (always in the DOM, empty while saved, so screen readers announce the text when it appears).
 * E2E: getByRole("status").filter({ hasText: "Layout not saved" }).
 */
export function WorkspaceSaveStatus() {
  const t = useT();
  const saver = workspaceSaverFor(useQueryClient());
  const save = useSyncExternalStore(saver.subscribe, saver.getSnapshot);
  const text = saveStatusText(save, t);
  return (
    <span className="save-status" role="status" aria-live="polite" data-status={save.status}>
      {text}
    </span>
  );
}
