import { describe, expect, it } from "vitest";
import { loginUrlFor, safeNext } from "./router.ts";

describe("router", () => {
  it("remembers where the user was", () => {
    expect(loginUrlFor("/")).toBe("/login");
    expect(loginUrlFor("/?tab=x")).toBe("/login?next=%2F%3Ftab%3Dx");
    expect(safeNext("/login?next=%2F%3Ftab%3Dx")).toBe("/?tab=x");
  });
  it.each(["//evil.example", "https://evil.example/", "/\\evil", "/login", "javascript:alert(1)"])(
    "refuses %s as a post-login target",
    (next) => expect(safeNext(`/login?next=${encodeURIComponent(next)}`)).toBe("/"),
  );
});
