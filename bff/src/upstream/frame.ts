import type WebSocket from "ws";
import { feedServerMessageSchema, type FeedServerMessage } from "@pregao/contracts";

/** Parses one upstream frame with the contracts schema; null for binary, non-JSON or schema-invalid frames. */
export function parseFrame(data: WebSocket.RawData, isBinary: boolean): FeedServerMessage | null {
  if (isBinary) return null;
  let json: unknown;
  try {
    json = JSON.parse(data.toString());
  } catch {
    return null;
  }
  const result = feedServerMessageSchema.safeParse(json);
  return result.success ? result.data : null;
}
