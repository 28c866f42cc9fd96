import { describe, expect, it } from "vitest";
import { safeReturnTo } from "./return-to.ts";

describe("safeReturnTo (open-redirect defence)", () => {
  it.each([
    ["/", "/"],
    ["/risk", "/risk"],
    ["/risk?tab=limits#top", "/risk?tab=limits#top"],
    ["/a/../b", "/b"],
  ])("keeps the same-origin path %s", (raw, want) => expect(safeReturnTo(raw)).toBe(want));

  it.each([
    "https://evil.example",
    "https://evil.example/",
    "//evil.example",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "/\tevil",
    "javascript:alert(1)",
    "http:/evil.example",
    "evil.example",
    "",
    "/api/v1/auth/oidc/login",
    `/${"a".repeat(600)}`,
    undefined,
    42,
  ])("rejects %s", (raw) => expect(safeReturnTo(raw)).toBe("/"));
});
