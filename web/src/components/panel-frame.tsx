import type { ReactNode } from "react";
import "./panel.css";

interface PanelFrameProps {
  id: string;
  title: string;
  /** Show the title bar (false inside the dock, whose tab carries the title). */
  header?: boolean;
  children: ReactNode;
}

/** The frame every panel sits in: a labelled region with a header. Stays up when the panel inside crashes. */
export function PanelFrame({ id, title, header = true, children }: PanelFrameProps) {
  return (
    <section className={header ? "panel" : "panel panel-docked"} aria-label={title} data-panel={id}>
      {header && (
        <header className="panel-header">
          <h2 className="panel-title">{title}</h2>
        </header>
      )}
      <div className="panel-body">{children}</div>
    </section>
  );
}
