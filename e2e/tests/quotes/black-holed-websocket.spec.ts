import { test, expect } from "../../fixtures/index.ts";
import { TransportProbe } from "../../components/transport-probe.ts";
import { expectAnyStreaming } from "../../flows/streaming.ts";

const ASSETS = ["PETR4:B", "VALE3:B", "ITUB4:B", "WINZ26:F"];

test(
  "with the WebSocket upgrade black-holed (no answer at all) the client falls back to long-polling after its connect timeout",
  { tag: "@faults" },
  async ({ dashboard }) => {
    test.slow(); // one 10 s connect timeout before the fallback
    const transport = TransportProbe.attach(dashboard.page);
    await transport.blackHoleWebSockets();
    await dashboard.open();
    await expect(dashboard.feed.root).toContainText(/live/i, { timeout: 30_000 });
    await expectAnyStreaming(dashboard.watchlist, ASSETS);
    expect(transport.webSocketAttempts()).toBeGreaterThan(0); // the WebSocket was tried first
    expect(transport.pollCount()).toBeGreaterThan(0); // and the quotes came over long-polling
  },
);
