import { createAdapter } from "@socket.io/redis-streams-adapter";
import type { Redis } from "ioredis";
import type { Server } from "socket.io";

export interface ClusterAdapterOptions {
  /** Key prefix shared by every instance of one deployment (REDIS_KEY_PREFIX). */
  keyPrefix: string;
  /** Entries kept in the stream (approximate trimming). Cluster traffic is small: session ends and fleet samples. */
  maxLen?: number;
}

/**
 * Puts socket.io on the Redis Streams adapter: `serverSideEmit`, `fetchSockets` and non-local broadcasts reach every
 * instance of the deployment. Chosen over the Pub/Sub adapter because a stream survives a Redis blip (each instance
 * resumes XREAD from its last offset instead of losing what was sent while it was disconnected). The adapter
 * duplicates `redis` for its blocking XREAD; the caller owns both (disconnect `redis` on close).
 */
export function attachClusterAdapter(io: Server, redis: Redis, options: ClusterAdapterOptions): void {
  io.adapter(
    createAdapter(redis, {
      streamName: `${options.keyPrefix}sio`,
      sessionKeyPrefix: `${options.keyPrefix}sio:session:`,
      maxLen: options.maxLen ?? 10_000,
      // Every payload is JSON (contracts): skip the adapter's binary scan.
      onlyPlaintext: true,
      // Peers count as gone after 10 s without a heartbeat (serverCount, fetchSockets timeouts).
      heartbeatInterval: 2_000,
      heartbeatTimeout: 10_000,
    }),
  );
}
