import { FeedIndicator } from "./feed-indicator.tsx";
import { PanelGrid } from "./panel-grid.tsx";
import "./shell.css";

export function Shell() {
  return (
    <div className="shell">
      <header className="shell-header">
        <h1 className="brand">Pregão</h1>
        <FeedIndicator />
      </header>
      <main className="shell-main">
        <PanelGrid />
      </main>
    </div>
  );
}
