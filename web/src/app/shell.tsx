import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { primaryRole, type SessionResponse } from "@pregao/contracts";
import { setSentryUser } from "../lib/sentry.ts";
import { refetchAfterMissedEvents } from "../stream/missed-events.ts";
import { startStream } from "../stream/socket-client.ts";
import { startFeedKindMonitor } from "../stream/use-feed-view.ts";
import { KillSwitchBanner } from "./kill-switch-banner.tsx";
import { PhoneView } from "./phone/phone-view.tsx";
import { useIsPhone } from "./phone/use-media-query.ts";
import { DockWorkspace } from "./dock/dock-workspace.tsx";
import { StatusStrip } from "./status-strip.tsx";
import { WorkspaceSaveStatus } from "./workspace-save-status.tsx";
import { UserMenu } from "./user-menu.tsx";
import "./shell.css";

/** The dashboard. Mounted only with a session: the socket lives exactly as long as this does. */
export function Shell({ session }: { session: SessionResponse }) {
  const queryClient = useQueryClient();
  useEffect(() => {
    const stopStream = startStream({ onMissedEvents: () => void refetchAfterMissedEvents(queryClient) });
    const stopMonitor = startFeedKindMonitor();
    return () => {
      stopMonitor();
      stopStream();
    };
  }, [queryClient]);
  // Errors carry the user's opaque id only; logging out unmounts the shell and clears it.
  const userId = session.user.id;
  const isPhone = useIsPhone();
  useEffect(() => {
    setSentryUser(userId);
    return () => setSentryUser(null);
  }, [userId]);
  return (
    <div className={isPhone ? "shell" : "shell shell-docked"}>
      <header className="shell-header">
        <h1 className="brand">Pregão</h1>
        <StatusStrip />
        <WorkspaceSaveStatus />
        <UserMenu session={session} />
      </header>
      <KillSwitchBanner />
      <main className="shell-main">
        {isPhone ? (
          <PhoneView permissions={session.permissions} />
        ) : (
          <DockWorkspace permissions={session.permissions} role={primaryRole(session.user.roles)} />
        )}
      </main>
    </div>
  );
}
