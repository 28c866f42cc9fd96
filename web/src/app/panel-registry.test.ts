import { describe, expect, it } from "vitest";
import { permissionsOf } from "@pregao/contracts";
import { panelRegistry, panelsFor } from "./panel-registry.ts";

const titles = (roles: Parameters<typeof permissionsOf>[0]) =>
  panelsFor(permissionsOf(roles)).map((p) => p.title);

describe("panel registry by permission", () => {
  it("gives a viewer the watchlist only", () => expect(titles(["viewer"])).toEqual(["Watchlist"]));
  it("gives a trader watchlist, connection and accounts", () =>
    expect(titles(["trader"])).toEqual(["Watchlist", "Connection", "Accounts"]));
  it("gives risk watchlist, connection and accounts", () =>
    expect(titles(["risk"])).toEqual(["Watchlist", "Connection", "Accounts"]));
  it("shows nothing without permissions", () => expect(panelsFor([])).toEqual([]));
  it("keeps registry order and every panel names a permission", () => {
    expect(panelsFor(permissionsOf(["viewer", "risk"]))).toEqual(panelRegistry);
    for (const p of panelRegistry) expect(p.permission).toMatch(/:/);
  });
});
