import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";

/** Answers an HTTP upgrade with an error status and a JSON body, then closes the socket. */
export function rejectUpgrade(socket: Duplex, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  const auth = status === 401 ? "WWW-Authenticate: Bearer\r\n" : "";
  socket.once("finish", () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n${auth}\r\n${body}`,
  );
}
