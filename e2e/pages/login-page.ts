import type { Locator, Page, Response } from "@playwright/test";

/** `/login`: the password form, its error alert, the session-ended notice and the SSO link. */
export class LoginPage {
  readonly form: Locator;
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  /** The form's alert: "Invalid username or password", "Too many attempts — try again in N s". */
  readonly error: Locator;
  /** Why the last session ended: "Session expired — log in again", "You were logged out". */
  readonly sessionNotice: Locator;
  readonly ssoLink: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole("form", { name: "Log in" });
    this.username = this.form.getByLabel("Username");
    this.password = this.form.getByLabel("Password");
    this.submit = this.form.getByRole("button", { name: "Log in", exact: true });
    this.error = this.form.getByRole("alert");
    this.sessionNotice = page
      .getByRole("alert")
      .filter({ hasText: /Session expired|logged out|session was ended/ });
    this.ssoLink = page.getByRole("link", { name: "Sign in with SSO" });
  }

  /** Opens `/login`; the response carries the security headers (CSP). */
  async goto(): Promise<Response | null> {
    return this.page.goto("/login");
  }

  async logIn(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }
}
