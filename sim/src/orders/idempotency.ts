import type { SubmitOrder } from "@pregao/contracts";
import { ServiceError } from "./errors.ts";

/** The fields that make an order what it is; `confirm` is not one (a confirmed resend is the same order). */
const IDENTITY = [
  "account",
  "asset",
  "side",
  "type",
  "quantity",
  "price",
  "stopPrice",
  "timeInForce",
] as const;
type Identity = Record<(typeof IDENTITY)[number], string | number | null>;

const identityOf = (o: SubmitOrder): Identity => ({
  account: `${o.account.brokerId}/${o.account.accountId}`,
  asset: o.asset,
  side: o.side,
  type: o.type,
  quantity: o.quantity,
  price: o.price ?? null,
  stopPrice: o.stopPrice ?? null,
  timeInForce: o.timeInForce,
});

interface Entry {
  orderId: string;
  identity: Identity;
  at: number;
}

/**
 * Idempotency keys, scoped to the user who sent them (token `sub`) and remembered for `ttlMs` (OM-SPEC: 24 h). The
 * same key with the same order is the first order; with a different order it is 409 IDEMPOTENCY_KEY_REUSED — never
 * the first order silently, which a client would take for the order it just sent. Why per user, not per account:
 * docs/trading.md ("Idempotency").
 */
export class IdempotencyKeys {
  // Insertion order is time order: expiry pops from the front.
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly ttlMs: number) {}

  /** The first order's id for this user and key, or undefined when the key is new (or expired). */
  find(userId: string, o: SubmitOrder, now: number): string | undefined {
    this.expire(now);
    const seen = this.entries.get(keyOf(userId, o.idempotencyKey));
    if (!seen) return undefined;
    const identity = identityOf(o);
    const fields = IDENTITY.filter((f) => seen.identity[f] !== identity[f]);
    if (fields.length > 0)
      throw new ServiceError(
        409,
        "IDEMPOTENCY_KEY_REUSED",
        `This idempotency key was already used for a different order (${fields.join(", ")} differ).`,
        "idempotencyKey",
        { fields },
      );
    return seen.orderId;
  }

  remember(userId: string, o: SubmitOrder, orderId: string, now: number): void {
    this.entries.set(keyOf(userId, o.idempotencyKey), { orderId, identity: identityOf(o), at: now });
  }

  get size(): number {
    return this.entries.size;
  }

  private expire(now: number): void {
    for (const [k, e] of this.entries) {
      if (now - e.at < this.ttlMs) break;
      this.entries.delete(k);
    }
  }
}

const keyOf = (userId: string, key: string) => `${userId}\n${key}`;
