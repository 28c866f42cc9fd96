import { useId, useState, type FormEvent } from "react";
import { WORKSPACE_LIMITS, type Workspace } from "@pregao/contracts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import type { WorkspaceEdit } from "../../lib/workspace.ts";
import { useT } from "../../i18n/use-t.ts";
import { listNameProblem, withDeletedList, withNewList, withRenamedList } from "./watchlist-lists.ts";

interface WatchlistListsBarProps {
  workspace: Workspace;
  /** The list this panel shows. */
  name: string;
  /** The docked panel's id (undefined outside one: a new list becomes the active list). */
  panelId: string | undefined;
  show(name: string): void;
  edit(change: WorkspaceEdit): void;
}

type Mode = "idle" | "new" | "rename" | "delete";

/** Which named list the panel shows, and new / rename / delete (never the last list; deleting asks first). */
export function WatchlistListsBar({ workspace, name, panelId, show, edit }: WatchlistListsBarProps) {
  const t = useT();
  const [mode, setMode] = useState<Mode>("idle");
  const selectId = useId();
  const last = workspace.watchlists.length <= 1;
  const full = workspace.watchlists.length >= WORKSPACE_LIMITS.watchlists;

  return (
    <div className="wl-lists">
      <label className="visually-hidden" htmlFor={selectId}>
        {t("watchlist.lists.label")}
      </label>
      <select id={selectId} className="wl-list-select" value={name} onChange={(e) => show(e.target.value)}>
        {workspace.watchlists.map((w) => (
          <option key={w.name} value={w.name}>
            {w.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="btn"
        disabled={full}
        title={full ? t("watchlist.lists.tooMany", { max: WORKSPACE_LIMITS.watchlists }) : undefined}
        onClick={() => setMode("new")}
      >
        {t("watchlist.lists.new")}
      </button>
      <button type="button" className="btn" onClick={() => setMode("rename")}>
        {t("watchlist.lists.rename")}
      </button>
      <button
        type="button"
        className="btn"
        disabled={last}
        title={last ? t("watchlist.lists.lastOne") : undefined}
        onClick={() => setMode("delete")}
      >
        {t("watchlist.lists.delete")}
      </button>
      {(mode === "new" || mode === "rename") && (
        <ListNameForm
          key={mode}
          workspace={workspace}
          renaming={mode === "rename" ? name : undefined}
          onCancel={() => setMode("idle")}
          onSave={(next) => {
            edit(mode === "new" ? withNewList(next, panelId) : withRenamedList(name, next));
            setMode("idle");
          }}
        />
      )}
      {mode === "delete" && (
        <ConfirmDialog
          title={t("watchlist.lists.deleteTitle", { name })}
          confirmLabel={t("watchlist.lists.delete")}
          danger
          onCancel={() => setMode("idle")}
          onConfirm={() => {
            edit(withDeletedList(name));
            setMode("idle");
          }}
        >
          {t("watchlist.lists.deleteBody", { name })}
        </ConfirmDialog>
      )}
    </div>
  );
}

interface ListNameFormProps {
  workspace: Workspace;
  renaming: string | undefined;
  onSave(name: string): void;
  onCancel(): void;
}

/** The name of a new list, or the new name of one: validated as typed (schema rules), saved on Enter. */
function ListNameForm({ workspace, renaming, onSave, onCancel }: ListNameFormProps) {
  const t = useT();
  const [value, setValue] = useState(renaming ?? "");
  const [tried, setTried] = useState(false);
  const problem = listNameProblem(workspace, value, renaming);
  // "Empty" only after a try: an empty box is how every new name starts.
  const shown = problem === "empty" && !tried ? null : problem;
  const inputId = useId();
  const errorId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (problem === null) onSave(value.trim());
  };
  const messages = {
    empty: t("watchlist.lists.empty"),
    tooLong: t("watchlist.lists.tooLong", { max: WORKSPACE_LIMITS.nameLength }),
    duplicate: t("watchlist.lists.duplicate", { name: value.trim() }),
    tooMany: t("watchlist.lists.tooMany", { max: WORKSPACE_LIMITS.watchlists }),
  };
  return (
    <form
      className="wl-list-form"
      aria-label={renaming === undefined ? t("watchlist.lists.newForm") : t("watchlist.lists.renameForm")}
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <label htmlFor={inputId}>{t("watchlist.lists.name")}</label>
      <input
        id={inputId}
        className="wl-list-name"
        value={value}
        autoFocus
        aria-invalid={shown !== null}
        aria-describedby={shown ? errorId : undefined}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="btn btn-primary">
        {renaming === undefined ? t("watchlist.lists.create") : t("watchlist.lists.save")}
      </button>
      <button type="button" className="btn" onClick={onCancel}>
        {t("common.cancel")}
      </button>
      {shown && (
        <p id={errorId} className="wl-list-error" role="alert">
          {messages[shown]}
        </p>
      )}
    </form>
  );
}
