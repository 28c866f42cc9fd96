import { describe, expect, it } from "vitest";
import { clusterMessageSchema } from "./messages.ts";

describe("cluster messages", () => {
  it("accepts the session end and the fleet summary, refuses what this version does not know", () => {
    expect(
      clusterMessageSchema.safeParse({ type: "session:ended", sessionHash: "abc", reason: "LOGGED_OUT" })
        .success,
    ).toBe(true);
    for (const bad of [
      { type: "session:ended", sessionHash: "", reason: "LOGGED_OUT" },
      { type: "session:ended", sessionHash: "abc", reason: "BORED" },
      { type: "session:ended", sessionHash: "x".repeat(129), reason: "REVOKED" },
      { type: "kill:everything" },
      { type: "fleet:member", member: { instanceId: "a" } },
      null,
      "session:ended",
    ])
      expect(clusterMessageSchema.safeParse(bad).success).toBe(false);
  });
});
