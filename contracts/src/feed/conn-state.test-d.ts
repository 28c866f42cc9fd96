import { expectTypeOf, test } from "vitest";
import type { FeedStatus, Staleness } from "../socket/events.ts";
import type { ConnStateKey, ConnStateResultKey, ConnStateType } from "./conn-state.ts";
import type { connectionStateMessageSchema } from "./messages.ts";
import type { ProfitDllOrderStatus } from "./order-status.ts";
import type { z } from "zod";

test("feed:status reports one ProfitDLL state per contracts connection key, and nothing else", () => {
  expectTypeOf<keyof FeedStatus["profitDll"]>().toEqualTypeOf<ConnStateKey>();
  expectTypeOf<ConnStateKey>().toEqualTypeOf<"login" | "routing" | "marketData" | "activation">();
});

test("the wire's stateType is the table's codes", () => {
  expectTypeOf<z.infer<typeof connectionStateMessageSchema>["stateType"]>().toEqualTypeOf<ConnStateType>();
  expectTypeOf<ConnStateType>().toEqualTypeOf<0 | 1 | 2 | 3>();
});

test("result keys and order-status codes keep their literal types", () => {
  expectTypeOf<ConnStateResultKey<"activation">>().toEqualTypeOf<"valid" | "invalid">();
  expectTypeOf<(typeof ProfitDllOrderStatus)["FILLED"]>().toEqualTypeOf<2>();
  expectTypeOf<(typeof ProfitDllOrderStatus)["CANCELED_BY_ADMIN"]>().toEqualTypeOf<205>();
});

test("feed:status always carries the browser's thresholds", () => {
  expectTypeOf<FeedStatus["staleness"]>().toEqualTypeOf<Staleness>();
  expectTypeOf<Staleness>().toEqualTypeOf<{ silenceMs: number; dataStaleAfterMs: number }>();
});
