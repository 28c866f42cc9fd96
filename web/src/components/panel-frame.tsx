import type { ReactNode } from "react";
import "./panel.css";

interface PanelFrameProps {
  id: string;
  title: string;
  children: ReactNode;
}

/** The frame every panel sits in: a labelled region with a header. Stays up when the panel inside crashes. */
export function PanelFrame({ id, title, children }: PanelFrameProps) {
  return (
    <section className="panel" aria-label={title} data-panel={id}>
      <header className="panel-header">
        <h2 className="panel-title">{title}</h2>
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
