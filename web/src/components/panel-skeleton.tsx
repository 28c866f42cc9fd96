import { useT } from "../i18n/use-t.ts";

/** Placeholder rows while a panel's code loads; same row height as real rows, so nothing jumps. */
export function PanelSkeleton({ title, rows = 6 }: { title: string; rows?: number }) {
  const t = useT();
  return (
    <div
      className="panel-skeleton"
      role="status"
      aria-label={t("panel.loadingTitle", { title })}
      aria-busy="true"
    >
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="panel-skeleton-row" />
      ))}
    </div>
  );
}
