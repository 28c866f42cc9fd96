import type { Page } from "@playwright/test";

/** The gateway's stickiness cookie (bff/src/realtime/engine-hooks.ts, docs/deployment.md "Transport"). */
const NODE_COOKIE = "pregao_node";

/**
 * The page's socket.io transport as the network sees it. `blockWebSockets` refuses every WebSocket handshake the way a
 * proxy that does not allow the upgrade does (Chromium's request blocking, over CDP: the page's WebSocket errors and
 * closes); the probe counts the long-polling requests and the `pregao_node` values they carried. Attach before the
 * page navigates.
 */
export class TransportProbe {
  private polls = 0;
  private readonly nodeValues: (string | null)[] = [];
  private webSockets = 0;

  private constructor(private readonly page: Page) {
    page.on("websocket", (ws) => {
      if (ws.url().includes("/socket.io/")) this.webSockets++;
    });
    page.on("request", (req) => {
      const url = new URL(req.url());
      if (!url.pathname.startsWith("/socket.io/") || url.searchParams.get("transport") !== "polling") return;
      // Only requests of an open engine.io session (`sid`) must be sticky; the handshake sets the cookie.
      if (!url.searchParams.has("sid")) return;
      this.polls++;
      void req.allHeaders().then((h) => this.nodeValues.push(cookieValue(h.cookie, NODE_COOKIE)));
    });
  }

  static attach(page: Page): TransportProbe {
    return new TransportProbe(page);
  }

  async blockWebSockets(): Promise<void> {
    const cdp = await this.page.context().newCDPSession(this.page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setBlockedURLs", { urls: ["*/socket.io/*transport=websocket*"] });
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
