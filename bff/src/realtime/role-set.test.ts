import { describe, expect, it } from "vitest";
import { permissionsOf, type Role } from "@pregao/contracts";
import { roleSetOf } from "./role-set.ts";

describe("roleSetOf", () => {
  it("gives every socket with the same roles the same frozen roles and permissions", () => {
    const a = roleSetOf(["trader"]);
    const b = roleSetOf(["trader"]);
    expect(b).toBe(a);
    expect(a.roles).toEqual(["trader"]);
    expect(a.permissions).toEqual(permissionsOf(["trader"]));
    expect(Object.isFrozen(a.roles) && Object.isFrozen(a.permissions)).toBe(true);
    expect(roleSetOf(["trader", "risk"])).not.toBe(a);
    expect(roleSetOf(["trader", "risk"]).permissions).toEqual(permissionsOf(["trader", "risk"]));
  });

  it("does not share the caller's array", () => {
    const roles: Role[] = ["viewer"];
    const set = roleSetOf(roles);
    roles.push("risk");
    expect(set.roles).toEqual(["viewer"]);
  });

  it("stops remembering new role lists past its bound, and still answers them", () => {
    const lists = Array.from({ length: 80 }, (_, i) => Array<Role>(i + 2).fill("viewer"));
    for (const roles of lists) roleSetOf(roles);
    const last = lists.at(-1)!;
    expect(roleSetOf(last)).not.toBe(roleSetOf(last));
    expect(roleSetOf(last).roles).toEqual(last);
    expect(roleSetOf(lists[0]!)).toBe(roleSetOf(lists[0]!));
  });
});
