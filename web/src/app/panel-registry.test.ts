import { describe, expect, it } from "vitest";
import { permissionsOf } from "@pregao/contracts";
import { panelRegistry, panelsFor } from "./panel-registry.ts";

const titles = (roles: Parameters<typeof permissionsOf>[0]) =>
  panelsFor(permissionsOf(roles)).map((p) => p.title);

describe("panel registry by permission", () => {
  it("gives a viewer market panels only", () =>
    expect(titles(["viewer"])).toEqual(["Watchlist", "Order book", "Chart", "Time and sales"]));
  it("gives a trader the trading desk", () =>
    expect(titles(["trader"])).toEqual([
      "Watchlist",
      "Order ticket",
      "Order book",
      "Chart",
      "Time and sales",
      "Blotter",
      "Positions",
      "Connection",
      "Accounts",
    ]));
  it("gives risk the risk desk, risk panel first, no ticket", () =>
    expect(titles(["risk"])).toEqual([
      "Watchlist",
      "Risk",
      "Health",
      "Blotter",
      "Positions",
      "Chart",
      "Order book",
      "Time and sales",
      "Connection",
      "Accounts",
      "Audit",
    ]));
  it("shows the Health panel to ops:read (risk) only, wide", () => {
    const health = panelRegistry.find((p) => p.id === "ops-health");
    expect(health).toMatchObject({ title: "Health", permission: "ops:read", wide: true });
    expect(titles(["trader"])).not.toContain("Health");
    expect(titles(["viewer"])).not.toContain("Health");
  });
  it("shows the Audit panel to audit:read (risk) only, wide", () => {
    expect(panelRegistry.find((p) => p.id === "audit")).toMatchObject({
      title: "Audit",
      permission: "audit:read",
      wide: true,
    });
    expect(titles(["trader"])).not.toContain("Audit");
    expect(titles(["viewer"])).not.toContain("Audit");
  });
  it("shows nothing without permissions", () => expect(panelsFor([])).toEqual([]));
  it("keeps registry order and every panel names a permission", () => {
    expect(panelsFor(permissionsOf(["viewer", "trader"]))).toEqual(
      panelRegistry.filter((p) => !["risk:write", "ops:read", "audit:read"].includes(p.permission)),
    );
    for (const p of panelRegistry) expect(p.permission).toMatch(/:/);
  });
});
