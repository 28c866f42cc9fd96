import type { SocketError } from "../stream/connection-store.ts";
import { formatQuantity } from "../lib/format.ts";
import { t } from "./i18n.ts";

/** Why the socket is down, in the user's language (socket.io's own transport reasons stay as they are). */
export function socketErrorText(e: SocketError): string {
  switch (e.reason) {
    case "loggedOut":
      return t("connection.reasons.loggedOut");
    case "sessionEnded":
      return t("connection.reasons.sessionEnded");
    case "originRejected":
      return t("connection.reasons.originRejected");
    case "tooManySockets":
      return t("connection.reasons.tooManySockets");
    case "rateLimited":
      return e.retryAfter === undefined
        ? t("connection.reasons.rateLimited")
        : t("connection.reasons.rateLimitedIn", { seconds: formatQuantity(e.retryAfter) });
    case "transport":
      return e.message;
  }
}
