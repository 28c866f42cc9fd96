import type { Page, WebSocket } from "@playwright/test";

/**
 * Watches the page's socket.io WebSockets from outside the app (Playwright's network events), so a spec can prove
 * the stream really stopped rather than trusting what the UI says. Create before the page navigates.
 */
export class SocketProbe {
  private readonly sockets: WebSocket[] = [];
  private frames = 0;

  constructor(page: Page) {
    page.on("websocket", (ws) => {
      if (!ws.url().includes("/socket.io/")) return;
      this.sockets.push(ws);
      ws.on("framereceived", () => this.frames++);
    });
  }

  /** socket.io WebSockets opened so far. */
  opened(): number {
    return this.sockets.length;
  }

  /** socket.io WebSockets still open. */
  open(): number {
    return this.sockets.filter((ws) => !ws.isClosed()).length;
  }

  /** Frames received over all of them. */
  framesReceived(): number {
    return this.frames;
  }
}
