import { z } from "zod";
import { sessionEndReasonSchema } from "@pregao/contracts";
import { fleetMemberSchema } from "@pregao/contracts";

/**
 * What one BFF instance tells the others (socket.io `serverSideEmit` over the Redis Streams adapter). Every message
 * is validated on arrival: a peer may run another version during a rolling deploy, and a message this version does
 * not understand is counted and dropped, never half-applied.
 */
export const clusterMessageSchema = z.discriminatedUnion("type", [
  /** A session ended on the sender (logout, expiry, revocation): end its sockets here too. */
  z.object({
    type: z.literal("session:ended"),
    sessionHash: z.string().min(1).max(128),
    reason: sessionEndReasonSchema,
  }),
  /** The sender's ops summary, every OPS_PUSH_MS: the fleet view on every instance's health panel. */
  z.object({ type: z.literal("fleet:member"), member: fleetMemberSchema }),
]);
export type ClusterMessage = z.infer<typeof clusterMessageSchema>;

/** The one socket.io server-side event name every cluster message travels under. */
export const CLUSTER_EVENT = "pregao:cluster";
