import { expectTypeOf, test } from "vitest";
import type { z } from "zod";
import type {
  Ack,
  ClientToServerEvents,
  FeedMessageOf,
  FeedServerMessage,
  Quote,
  ServerToClientEvents,
} from "./index.ts";
import type { errorBodySchema, feedStatusSchema } from "./index.ts";

test("socket acks are a discriminated union on ok", () => {
  const ack = {} as Ack<{ quotes: Quote[] }>;
  if (ack.ok) expectTypeOf(ack.data.quotes).toEqualTypeOf<Quote[]>();
  else expectTypeOf(ack.error).toEqualTypeOf<z.infer<typeof errorBodySchema>>();
});

test("every client event takes an ack as its last argument", () => {
  type LastParam<F> = F extends (...args: infer A) => void
    ? A extends [...unknown[], infer L]
      ? L
      : never
    : never;
  expectTypeOf<LastParam<ClientToServerEvents["quotes:subscribe"]>>().toEqualTypeOf<
    (ack: Ack<{ quotes: Quote[] }>) => void
  >();
});

test("server events carry the contract types", () => {
  expectTypeOf<Parameters<ServerToClientEvents["feed:status"]>[0]>().toEqualTypeOf<
    z.infer<typeof feedStatusSchema>
  >();
  expectTypeOf<Parameters<ServerToClientEvents["quotes:updated"]>[0]>().toEqualTypeOf<Quote[]>();
});

test("feed messages narrow by type and all carry seq and ts", () => {
  expectTypeOf<FeedMessageOf<"trade">["trade"]["tradeType"]>().toEqualTypeOf<number>();
  expectTypeOf<FeedServerMessage["seq"]>().toEqualTypeOf<number>();
  expectTypeOf<FeedServerMessage["ts"]>().toEqualTypeOf<number>();
});
