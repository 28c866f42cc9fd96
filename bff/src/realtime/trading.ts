import type { Server } from "socket.io";
import type { IDisposable } from "cockatiel";
import type {
  AccountRef,
  ClientToServerEvents,
  Position,
  PositionsResponse,
  ServerToClientEvents,
} from "@pregao/contracts";
import { accountKey, type OrderStream } from "../services/order-stream.ts";
import { socketAuthOf } from "./auth.ts";

type Io = Server<ClientToServerEvents, ServerToClientEvents>;

const userRoom = (id: string) => `user:${id}`;
const accountRoom = (a: AccountRef) => `account:${accountKey(a)}`;
/** Sockets of users with accounts:read:all: every order and position change. */
const RISK_ROOM = "risk";

/** A PositionsResponse from per-account position lists. */
export function positionsView(lists: readonly Position[][], asOf = Date.now()): PositionsResponse {
  const positions = lists.flat();
  let realized = 0;
  let unrealized = 0;
  let exposure = 0;
  for (const p of positions) {
    realized += p.realizedPnl;
    unrealized += p.unrealizedPnl;
    exposure += Math.abs(p.netQuantity * (p.marketPrice ?? p.averagePrice ?? 0));
  }
  return {
    asOf,
    positions,
    totalRealizedPnl: realized,
    totalUnrealizedPnl: unrealized,
    totalExposure: exposure,
  };
}

/**
 * Fans the order manager's push stream out to browsers: each socket joins `user:<id>` and one room per own account
 * (accounts:read:own), risk users (accounts:read:all) the `risk` room. `order` → `orders:updated` to the account's
 * room + risk; `positions` → `positions:updated` (the user's positions over all their accounts) to each owning user +
 * risk (every account); `killSwitch` → `risk:kill-switch` to every socket, and the last state on connect. A viewer joins
 * nothing and receives no order or position events.
 *
 * Every emit is `io.local`: each BFF instance holds its own push stream from the order manager (instances fail
 * independently, as with the feed), so each one already sees every event and serves its own sockets. Broadcasting
 * through the cluster adapter as well would deliver each event once per instance (docs/deployment.md).
 */
export function attachTrading(io: Io, stream: OrderStream): IDisposable {
  const known = new Map<string, AccountRef>();
  io.on("connection", (socket) => {
    const auth = socketAuthOf(socket);
    if (!auth) return;
    const rooms: string[] = [];
    if (auth.permissions.includes("accounts:read:own")) {
      rooms.push(userRoom(auth.user.id), ...auth.user.accounts.map(accountRoom));
    }
    if (auth.permissions.includes("accounts:read:all")) rooms.push(RISK_ROOM);
    if (rooms.length) void socket.join(rooms);
    const ks = stream.killSwitch;
    if (ks) socket.emit("risk:kill-switch", ks);
  });

  const usersOf = (account: AccountRef) => {
    const users = new Map<string, AccountRef[]>();
    for (const id of io.of("/").adapter.rooms.get(accountRoom(account)) ?? []) {
      const user = socketAuthOf(io.of("/").sockets.get(id)!)?.user;
      if (user) users.set(user.id, user.accounts);
    }
    return users;
  };

  const subs = [
    stream.onOrder((order) => {
      io.local.to([accountRoom(order.account), RISK_ROOM]).emit("orders:updated", [order]);
    }),
    stream.onPositions(({ account }) => {
      known.set(accountKey(account), account);
      for (const [userId, accounts] of usersOf(account))
        io.local
          .to(userRoom(userId))
          .emit("positions:updated", positionsView(accounts.map((a) => stream.positions(a))));
      if (io.of("/").adapter.rooms.get(RISK_ROOM)?.size)
        io.local
          .to(RISK_ROOM)
          .emit("positions:updated", positionsView([...known.values()].map((a) => stream.positions(a))));
    }),
    stream.onKillSwitch((state) => io.local.emit("risk:kill-switch", state)),
  ];
  return { dispose: () => subs.forEach((s) => s.dispose()) };
}
