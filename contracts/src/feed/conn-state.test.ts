import { describe, expect, it } from "vitest";
import {
  connectedSession,
  connStateCode,
  connStateKeys,
  connStateResultKey,
  connStateResults,
  connStateTypeCodes,
  healthyConnStates,
  isHealthyConnState,
  profitDllStatesSchema,
  sessionCodes,
} from "./conn-state.ts";
import { connectionStateMessageSchema } from "./messages.ts";

describe("ProfitDLL connection states (MAN §1.2)", () => {
  it("names the four state types in nConnStateType order", () => {
    expect(connStateTypeCodes).toEqual([0, 1, 2, 3]);
    expect(connStateKeys).toEqual(["login", "routing", "marketData", "activation"]);
  });

  it("holds the manual's codes, and each key once per connection", () => {
    expect(connStateCode("login", "unknownErr")).toBe(200);
    expect(connStateCode("routing", "brokerConnected")).toBe(5);
    expect(connStateCode("marketData", "connected")).toBe(4);
    expect(connStateCode("activation", "invalid")).toBe(1);
    for (const key of connStateKeys) {
      const names = Object.values(connStateResults[key]);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it("maps codes to keys and back, and leaves codes the manual does not name unnamed", () => {
    for (const key of connStateKeys)
      for (const [code, name] of Object.entries(connStateResults[key])) {
        expect(connStateResultKey(key, Number(code))).toBe(name);
        expect(connStateCode(key, name as never)).toBe(Number(code));
      }
    expect(connStateResultKey("routing", 42)).toBeUndefined();
    expect(connStateResultKey("login", -1)).toBeUndefined();
  });

  it("treats routing 2 (routing server) and 5 (broker) as up and nothing unknown as healthy", () => {
    expect(isHealthyConnState("routing", 2)).toBe(true);
    expect(isHealthyConnState("routing", 5)).toBe(true);
    expect(isHealthyConnState("routing", 3)).toBe(false);
    expect(isHealthyConnState("marketData", 4)).toBe(true);
    expect(isHealthyConnState("marketData", 2)).toBe(false);
    expect(isHealthyConnState("login", 200)).toBe(false);
    expect(isHealthyConnState("activation", 7)).toBe(false);
  });

  it("a connected session is healthy on every connection: (0,0) (1,5) (2,4) (3,0)", () => {
    expect(sessionCodes(connectedSession)).toEqual({ login: 0, routing: 5, marketData: 4, activation: 0 });
    for (const k of connStateKeys) expect(healthyConnStates[k]).toContain(connectedSession[k]);
  });

  it("the wire takes the table's state types only; feed:status takes every key, nullable", () => {
    const msg = { seq: 1, ts: 0, type: "connectionState", result: 0 };
    expect(connectionStateMessageSchema.safeParse({ ...msg, stateType: 3 }).success).toBe(true);
    expect(connectionStateMessageSchema.safeParse({ ...msg, stateType: 4 }).success).toBe(false);
    const states = { login: 0, routing: null, marketData: 4, activation: 0 };
    expect(profitDllStatesSchema.parse(states)).toEqual(states);
    expect(profitDllStatesSchema.safeParse({ login: 0, routing: 2, marketData: 4 }).success).toBe(false);
  });
});
