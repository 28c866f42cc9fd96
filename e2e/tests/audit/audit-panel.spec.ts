import { readFile } from "node:fs/promises";
import { AUDIT_CSV_COLUMNS } from "@pregao/contracts";
import { test, expect, users } from "../../fixtures/audit-stack.ts";
import { AuditPanel } from "../../components/audit-panel.ts";
import { auditedOrder } from "../../flows/audit.ts";

const ASSET = "PETR4:B";

test.describe("the Audit panel (risk)", () => {
  test.use({ user: "risk" });

  test(
    "risk finds a trader's order in the trail by user and action, and exports it as CSV",
    { tag: "@security" },
    async ({ dashboard, page, playwright, baseURL }) => {
      test.slow(); // an order round trip, a cold panel chunk and a download on a shared machine
      const orderId = await auditedOrder(playwright.request, baseURL!, users.trader, {
        asset: ASSET,
        account: users.trader.accounts[0],
        quantity: 100,
      });
      await dashboard.open();
      // Not in the risk desk's default layout: added from the panel picker, as a user would.
      await dashboard.dock.addPanel.click();
      await dashboard.dock.menuItem("Audit").click();
      const audit = new AuditPanel(page);
      await expect(audit.table).toBeVisible({ timeout: 15_000 });

      await audit.user.fill(users.trader.username);
      await audit.action.fill("order.submit");
      await audit.apply.click();
      const row = audit.rowWith(orderId);
      await expect(row).toHaveCount(1);
      for (const text of [users.trader.username, "order.submit.success", "Success", ASSET])
        await expect(row).toContainText(text);
      // Only the trader's order submissions are listed.
      expect(new Set(await audit.usersShown())).toEqual(new Set([users.trader.username]));

      const [download] = await Promise.all([page.waitForEvent("download"), audit.exportCsv.click()]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const csv = await readFile(await download.path(), "utf8");
      // A BOM (for spreadsheets) is allowed before the header.
      const [header, ...lines] = csv
        .replace(/^\uFEFF/, "")
        .trim()
        .split(/\r?\n/);
      expect(header).toBe(AUDIT_CSV_COLUMNS.join(","));
      const ours = lines.filter((l) => l.includes(orderId));
      expect(ours).toHaveLength(1);
      expect(ours[0]).toContain("order.submit.success");
      expect(ours[0]).toContain(`,${users.trader.username},`);
      // The export honours the filters: no one else's rows, no other actions.
      expect(lines.every((l) => l.includes(`,${users.trader.username},`) && l.includes("order.submit"))).toBe(
        true,
      );
    },
  );
});

test.describe("the Audit panel (trader)", () => {
  test(
    "a trader has no Audit panel to add and the trail answers 403",
    { tag: "@security" },
    async ({ dashboard, page }) => {
      await dashboard.open();
      await dashboard.dock.addPanel.click();
      await expect(dashboard.dock.menuItem("Accounts")).toBeVisible();
      await expect(dashboard.dock.menuItem("Audit")).toHaveCount(0);
      expect((await page.request.get("/api/v1/audit")).status()).toBe(403);
    },
  );
});
