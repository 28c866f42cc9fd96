/** Placeholder rows while a panel's code loads; same row height as real rows, so nothing jumps. */
export function PanelSkeleton({ title, rows = 6 }: { title: string; rows?: number }) {
  return (
    <div className="panel-skeleton" role="status" aria-label={`Loading ${title}`} aria-busy="true">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="panel-skeleton-row" />
      ))}
    </div>
  );
}
