import { test, expect } from "../../fixtures/quiet-market.ts";
import { seriousViolations } from "../../components/axe-scan.ts";
import { showTheme, waitForQuietDashboard } from "../../flows/quiet-dashboard.ts";

/*
 * axe-core (WCAG 2.1 A/AA rules) over each role's default dashboard, once it shows its data, in both themes (colour
 * contrast differs per theme). No serious or critical violation is allowed.
 */
for (const role of ["trader", "risk", "viewer"] as const) {
  test.describe(`as ${role}`, () => {
    test.use({ user: role, colorScheme: "dark" });

    test("the default dashboard has no serious or critical axe violations, dark and light", async ({
      dashboard,
    }) => {
      test.slow(); // two full axe runs over a dense page
      await dashboard.open();
      await waitForQuietDashboard(dashboard, role);
      for (const theme of ["dark", "light"] as const) {
        await showTheme(dashboard, theme);
        expect(await seriousViolations(dashboard.page), `${role}, ${theme} theme`).toEqual([]);
      }
    });
  });
}
