import { useEffect, useState } from "react";
import { QueryClientProvider } from "@tanstack/react-query";
import { createQueryClient } from "../lib/query-client.ts";
import { startStream } from "../stream/socket-client.ts";
import { startFeedKindMonitor } from "../stream/use-feed-view.ts";
import { Shell } from "./shell.tsx";

export function App() {
  const [queryClient] = useState(createQueryClient);
  useEffect(() => {
    const stopStream = startStream();
    const stopMonitor = startFeedKindMonitor();
    return () => {
      stopMonitor();
      stopStream();
    };
  }, []);
  return (
    <QueryClientProvider client={queryClient}>
      <Shell />
    </QueryClientProvider>
  );
}
