import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningBff } from "../../src/server.ts";
import { FakeFeed } from "../helpers/fake-feed.ts";
import { connect, connectError, startTestBff, until } from "../helpers/clients.ts";
import { browserHeaders, login } from "../helpers/session.ts";

const IDLE = 5_000;

describe("idle timeout: opening or re-opening a socket is not user activity", () => {
  let feed: FakeFeed;
  let bff: RunningBff;
  const clock = { t: 0 };

  beforeEach(async () => {
    clock.t = Date.now();
    feed = await FakeFeed.start();
    // Revalidation is slow here so only the handshakes themselves decide (a fake clock drives the idle timer).
    bff = await startTestBff(
      feed.url,
      "t",
      { SESSION_IDLE_MS: IDLE, SESSION_REVALIDATE_MS: 60_000 },
      { now: () => clock.t },
    );
    await until(() => bff.feed.catalog.known);
  });
  afterEach(async () => {
    await bff.close();
    await feed.close();
  });

  const reconnect = async (cookie: string): Promise<void> => {
    const s = await connect(bff.url, { cookie });
    s.disconnect();
  };

  it("a reconnect every 2 s does not keep an idle session alive past its idle timeout", async () => {
    const cookie = await login(bff.url, "trader");
    clock.t += 2_000;
    await reconnect(cookie);
    clock.t += 2_000;
    await reconnect(cookie);
    clock.t += 2_000; // 6 s since the login, the last user action
    const err = await connectError(bff.url, { cookie });
    expect(err.data?.code).toBe("SESSION_EXPIRED");
  });

  it("a real user request (HTTP) still slides the idle timer; the sockets around it do not", async () => {
    const cookie = await login(bff.url, "trader");
    clock.t += 4_000;
    const res = await fetch(`${bff.url}/api/v1/session`, {
      headers: browserHeaders(new URL(bff.url).origin, cookie),
    });
    expect(res.status).toBe(200);
    clock.t += 4_000; // 8 s after login, 4 s after the request
    await reconnect(cookie);
    clock.t += 2_000; // 6 s after the request
    expect((await connectError(bff.url, { cookie })).data?.code).toBe("SESSION_EXPIRED");
  });
});
