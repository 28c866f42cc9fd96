import { test, expect } from "../../fixtures/index.ts";
import { expectSettled } from "../../flows/settle.ts";

test.describe("with WEB_SENTRY_DSN", () => {
  test.use({ sentry: true });
  // Its own sim + BFF start inside the test's fixtures, which count against the test's timeout.
  test.describe.configure({ timeout: 120_000 });

  test("a panel crash sends exactly one event: panel tag, user id only, release = the build's SHA", async ({
    dashboard,
    sentryCollector,
  }) => {
    await dashboard.open();
    const connection = dashboard.panel("Connection");
    await expect(connection.root).toBeVisible();
    const release = await dashboard.release();
    expect(release).toMatch(/^[0-9a-f]{40}$/);

    await dashboard.crashPanel("connection");
    await expect(connection.reloadButton).toBeVisible();
    await expectSettled(() => sentryCollector.events.length, 1, { message: "exactly one Sentry event" });

    const [event] = sentryCollector.events;
    expect(event!.project).toBe("1");
    expect(event!.tags).toMatchObject({ panel: "connection" });
    expect(event!.user).toEqual({ id: expect.any(String) });
    expect(event!.release).toBe(release);
    expect(event!.environment).toBe("test");
    expect(JSON.stringify(event!.exception)).toContain('Test crash requested for panel \\"connection\\"');
  });
});

test("without a DSN the SDK is never downloaded and nothing leaves the page", async ({
  dashboard,
  page,
  baseURL,
}) => {
  const requested: string[] = [];
  page.on("request", (r) => requested.push(r.url()));
  await dashboard.open();
  const connection = dashboard.panel("Connection");
  await expect(connection.root).toBeVisible();
  await dashboard.crashPanel("connection");
  await expect(connection.reloadButton).toBeVisible();
  const foreign = () => requested.filter((u) => !u.startsWith(baseURL!) || /vendor-sentry/.test(u)).length;
  await expectSettled(foreign, 0, { message: "no request to a collector, no Sentry chunk" });
  expect(requested.some((u) => u.endsWith("/api/v1/client-config"))).toBe(true);
});
