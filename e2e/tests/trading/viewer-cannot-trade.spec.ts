import { test, expect } from "../../fixtures/index.ts";
import { postOrderDirect } from "../../flows/trading.ts";

test.use({ user: "viewer" });

test(
  "a viewer has no ticket and the BFF refuses a direct order",
  { tag: "@security" },
  async ({ dashboard, page, baseURL }) => {
    await dashboard.open();
    await expect(dashboard.watchlist.root).toBeVisible();
    await expect(dashboard.panel("Order book").root).toBeVisible();
    await expect(dashboard.ticket.root).toHaveCount(0);
    await expect(dashboard.blotter.root).toHaveCount(0);
    const res = await postOrderDirect(page, baseURL!, {});
    expect(res.status).toBe(403);
    expect(res.code).toBe("FORBIDDEN");
  },
);
