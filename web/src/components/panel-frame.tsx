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
      {/* Focusable: a panel scrolls when its content outgrows it, and keyboard users scroll it from here (axe
          scrollable-region-focusable: a panel with no control of its own, like Connection, was unreachable). */}
      <div className="panel-body" tabIndex={0}>
        {children}
      </div>
    </section>
  );
}
