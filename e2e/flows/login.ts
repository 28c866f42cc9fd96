import { expect, type Page } from "@playwright/test";
import type { DemoUser } from "../fixtures/users.ts";
import { UserMenu } from "../components/user-menu.ts";
import { LoginPage } from "../pages/login-page.ts";

/**
 * Logs `user` in through the login page and waits for the dashboard header to name them. Ends on the dashboard
 * (`/`, or `next` when the login page was reached from elsewhere).
 */
export async function logIn(page: Page, user: DemoUser): Promise<void> {
  const login = new LoginPage(page);
  if (!(await login.form.isVisible())) await login.goto();
  await login.logIn(user.username, user.password);
  await expect(new UserMenu(page).root).toContainText(`${user.displayName} · ${user.role}`, {
    timeout: 10_000,
  });
}
