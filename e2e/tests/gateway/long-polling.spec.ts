import { test, expect } from "../../fixtures/index.ts";
import { TransportProbe } from "../../components/transport-probe.ts";
import { expectAnyStreaming } from "../../flows/streaming.ts";
import { GATEWAY_ONLY, throughGateway } from "./gateway-only.ts";

test.skip(!throughGateway, GATEWAY_ONLY);

const DEFAULTS = ["PETR4:B", "VALE3:B", "ITUB4:B", "BBDC4:B", "ABEV3:B", "WEGE3:B", "WINZ26:F", "WDOZ26:F"];

test("with WebSockets blocked (a proxy refusing the upgrade) quotes flow over long-polling, every poll carrying the stickiness cookie", async ({
  dashboard,
}) => {
  const transport = TransportProbe.attach(dashboard.page);
  await transport.blockWebSockets();
  await dashboard.open();
  await expect(dashboard.feed.root).toContainText(/live/i, { timeout: 15_000 });
  await expectAnyStreaming(dashboard.watchlist, DEFAULTS);

  expect(transport.webSocketAttempts()).toBeGreaterThan(0); // it did try the WebSocket first
  const polls = transport.pollCount();
  expect(polls).toBeGreaterThan(0);
  await expectAnyStreaming(dashboard.watchlist, DEFAULTS); // still streaming, over more polls
  expect(transport.pollCount()).toBeGreaterThan(polls);
  // The gateway routes a session's polls by this cookie (one instance here: its INSTANCE_ID is "e2e").
  await expect.poll(() => transport.nodes()).toEqual(["e2e"]);
});
