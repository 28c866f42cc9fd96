import type { Page } from "@playwright/test";

/** The gateway's stickiness cookie (bff/src/realtime/engine-hooks.ts, docs/deployment.md "Transport"). */
const NODE_COOKIE = "pregao_node";

/**
 * The page's socket.io transport as the network sees it. `blockWebSockets` refuses every WebSocket handshake the way a
 * proxy that does not allow the upgrade does (the page's WebSocket errors and closes); the probe counts the
 * long-polling requests and the `pregao_node` values they carried. Attach before the page navigates.
 */
export class TransportProbe {
  private polls = 0;
  private readonly nodeValues: (string | null)[] = [];
  private webSockets = 0;

  private constructor(private readonly page: Page) {
    page.on("websocket", (ws) => {
      if (new URL(ws.url()).pathname.endsWith("/socket.io/")) this.webSockets++;
    });
    page.on("request", (req) => {
      const url = new URL(req.url());
      if (!url.pathname.startsWith("/socket.io/") || url.searchParams.get("transport") !== "polling") return;
      // Only requests of an open engine.io session (`sid`) must be sticky; the handshake sets the cookie.
      if (!url.searchParams.has("sid")) return;
      this.polls++;
      // A poll still in flight when the test ends cannot be read (the page is gone): it has nothing to report.
      req.allHeaders().then(
        (h) => this.nodeValues.push(cookieValue(h.cookie, NODE_COOKIE)),
        () => undefined,
      );
    });
  }

  static attach(page: Page): TransportProbe {
    return new TransportProbe(page);
  }

  /**
   * Every socket.io WebSocket the page opens gets a non-101 answer, as from a proxy that refuses the upgrade: the
   * constructor is wrapped (before any page script runs) to aim it at a path the server answers with plain HTTP, so
   * the browser's own handshake fails with `error` then `close`. Chromium's CDP request blocking
   * (`Network.setBlockedURLs`) no longer applies to WebSockets as of Chromium 156 (checked: the socket still opened),
   * which is why this does not use it.
   */
  async blockWebSockets(): Promise<void> {
    await this.page.addInitScript(() => {
      const Native = window.WebSocket;
      class RefusedUpgradeWebSocket extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          const u = new URL(url, location.href);
          if (u.pathname.startsWith("/socket.io/")) u.pathname = `/refused-upgrade${u.pathname}`;
          super(u, protocols);
        }
      }
      window.WebSocket = RefusedUpgradeWebSocket;
    });
  }

  /**
   * Every socket.io WebSocket opens and then hears nothing, as through a proxy that black-holes the upgraded
   * connection: Playwright takes the socket over (`routeWebSocket`) and never connects it to the server, so the
   * engine.io handshake never comes and the client can only time out. (A redirect to a silent TCP server cannot do
   * this: the page's CSP refuses a WebSocket to another origin at once.)
   */
  async blackHoleWebSockets(): Promise<void> {
    await this.page.routeWebSocket(/\/socket\.io\//, () => {
      this.webSockets++;
    });
  }

  /** Long-polling requests of open engine.io sessions so far. */
  pollCount(): number {
    return this.polls;
  }

  /** WebSockets the page tried to open to socket.io (blocked or not). */
  webSocketAttempts(): number {
    return this.webSockets;
  }

  /** The distinct `pregao_node` values the session polls carried (null: a poll without the cookie). */
  nodes(): (string | null)[] {
    return [...new Set(this.nodeValues)];
  }
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return null;
}
