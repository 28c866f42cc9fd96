import type { Server } from "socket.io";

/**
 * Takes every socket out of the room socket.io names after its id. Nothing here addresses a socket through it: each
 * is reached as an object (`socket.emit`) or through the session, user, account and ops rooms; no `io.to(socket.id)`,
 * no `socket.to()`/`socket.broadcast` (which use it to leave the sender out). Left in, the room costs a Set and an
 * entry in the adapter's room table, ≈ 250 B per idle socket.
 */
export function leaveOwnRoom(io: Server): void {
  io.on("connection", (socket) => void socket.leave(socket.id));
}
