interface Cookie {
  name: string;
  value: string;
  path: string;
}

/**
 * A minimal browser for driving redirects by hand: a cookie jar keyed by host (ports share cookies, as in browsers),
 * Path prefix matching, Max-Age=0 deletion, and manual redirects. Secure cookies are kept on http://127.0.0.1 (a
 * potentially trustworthy origin for browsers too); SameSite is not modelled (everything here is one site).
 */
export class Browser {
  private readonly jar = new Map<string, Cookie[]>();

  cookie(url: string, name: string): string | undefined {
    const u = new URL(url);
    return this.jar.get(u.hostname)?.find((c) => c.name === name && u.pathname.startsWith(c.path))?.value;
  }

  /** One request with the jar's cookies; redirects are not followed. */
  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const u = new URL(url);
    const headers = new Headers(init.headers);
    const cookies = (this.jar.get(u.hostname) ?? []).filter((c) => u.pathname.startsWith(c.path));
    if (cookies.length > 0) headers.set("cookie", cookies.map((c) => `${c.name}=${c.value}`).join("; "));
    const res = await fetch(u, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) this.store(u, line);
    return res;
  }

  /**
   * GET/POST and follow redirects (POST → GET after 302/303) until a non-redirect arrives, or until the next hop
   * satisfies `stop` — then that hop is NOT requested and comes back as `url` (with the redirecting response).
   */
  async follow(
    url: string | URL,
    init: RequestInit = {},
    stop: (url: URL) => boolean = () => false,
  ): Promise<{ res: Response; url: URL }> {
    let current = new URL(url);
    let req = init;
    for (let hop = 0; hop < 20; hop++) {
      const res = await this.fetch(current, req);
      const location = res.headers.get("location");
      if (res.status < 300 || res.status >= 400 || !location) return { res, url: current };
      await res.body?.cancel();
      current = new URL(location, current);
      if (stop(current)) return { res, url: current };
      req = {};
    }
    throw new Error("too many redirects");
  }

  /** Submits the page's first form (action attribute) with `fields`. */
  async submitForm(
    page: { res: Response; url: URL },
    fields: Record<string, string>,
    stop?: (url: URL) => boolean,
  ) {
    const html = await page.res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no form on ${page.url.href}: ${html.slice(0, 300)}`);
    const hidden = Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    return this.follow(
      new URL(action.replaceAll("&amp;", "&"), page.url),
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ ...hidden, ...fields }).toString(),
      },
      stop,
    );
  }

  private store(url: URL, line: string): void {
    const [pair = "", ...attrs] = line.split(";");
    const eq = pair.indexOf("=");
    if (eq <= 0) return;
    const cookie: Cookie = { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), path: "/" };
    let remove = false;
    for (const attr of attrs) {
      const [k = "", v = ""] = attr.split("=").map((s) => s.trim());
      if (k.toLowerCase() === "path") cookie.path = v || "/";
      if (k.toLowerCase() === "max-age" && Number(v) <= 0) remove = true;
      if (k.toLowerCase() === "expires" && Date.parse(v) <= Date.now()) remove = true;
    }
    const list = (this.jar.get(url.hostname) ?? []).filter(
      (c) => !(c.name === cookie.name && c.path === cookie.path),
    );
    if (!remove) list.push(cookie);
    this.jar.set(url.hostname, list);
  }
}

export const isOidcCallback = (u: URL) => u.pathname === "/api/v1/auth/oidc/callback";

/**
 * The whole authorization-code flow as a browser does it: BFF login → provider login form (any name/password) →
 * consent → the provider's redirect to the BFF callback, which is then requested (after `tamper`, if given) with
 * `Accept: application/json`. `callbackOrigin` sends the callback to another BFF instance than the one that started.
 */
export async function signInAt(
  browser: Browser,
  bffUrl: string,
  login: string,
  opts: { returnTo?: string; tamper?: (u: URL) => void; callbackOrigin?: string } = {},
): Promise<{ authorize: URL; callback: Response }> {
  const start = await browser.fetch(
    `${bffUrl}/api/v1/auth/oidc/login?returnTo=${encodeURIComponent(opts.returnTo ?? "/")}`,
  );
  const location = start.headers.get("location");
  if (start.status !== 302 || !location) throw new Error(`oidc login: ${start.status} ${await start.text()}`);
  const authorize = new URL(location);
  const loginPage = await browser.follow(authorize);
  if (loginPage.res.status !== 200) throw new Error(`provider login page: ${loginPage.res.status}`);
  const consentPage = await browser.submitForm(loginPage, { login, password: "any" });
  const back = await browser.submitForm(consentPage, {}, isOidcCallback);
  if (!isOidcCallback(back.url)) throw new Error(`provider did not return to the callback: ${back.url.href}`);
  const callbackUrl = new URL(back.url);
  if (opts.callbackOrigin) {
    const other = new URL(opts.callbackOrigin);
    callbackUrl.host = other.host;
  }
  opts.tamper?.(callbackUrl);
  return {
    authorize,
    callback: await browser.fetch(callbackUrl, { headers: { accept: "application/json" } }),
  };
}
