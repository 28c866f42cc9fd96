import { act, cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DependencyCheck } from "@pregao/contracts";
import { PanelBoundary } from "../../components/panel-boundary.tsx";
import { useOpsStore } from "../../stream/ops-store.ts";
import { fakeHistory, fakeSnapshot } from "../../stream/test-ops.ts";
import OpsHealthPanel from "./index.tsx";

const T = 1_700_000_000_000;
const check = (over: Partial<DependencyCheck> & Pick<DependencyCheck, "name">): DependencyCheck => ({
  status: "pass",
  output: null,
  checkedAt: T - 1000,
  latencyMs: 0.1,
  breaker: null,
  critical: false,
  runbook: null,
  ...over,
});
const row = (name: string) => screen.getByRole("rowheader", { name }).closest("tr")!;

beforeEach(() => useOpsStore.getState().clear());
afterEach(cleanup);

describe("Health panel: the database checks", () => {
  it("shows the primary down (saves refused, runbook) and the replica serving with its lag; readiness degraded", () => {
    const base = fakeSnapshot(T);
    const snapshot = {
      ...base,
      readiness: {
        status: "warn" as const,
        reasons: ["workspace and other saves refused: database fail (primary unreachable (ECONNREFUSED))"],
      },
      checks: [
        ...base.checks,
        check({
          name: "database",
          status: "fail",
          output: "primary unreachable (connect ECONNREFUSED): saves refused, reads from the replica",
          runbook: "/runbooks/database-down#checks",
        }),
        check({ name: "database-replica", output: "replication lag 0.2 s" }),
      ],
    };
    render(
      <PanelBoundary id="ops-health" title="Health">
        <OpsHealthPanel />
      </PanelBoundary>,
    );
    act(() => useOpsStore.getState().subscribed({ snapshot, history: fakeHistory(T, 5) }));

    const primary = row("database");
    expect(within(primary).getByText("fail")).toBeTruthy();
    expect(primary.textContent).toContain("saves refused, reads from the replica");
    expect(within(primary).getByRole("link", { name: "Runbook" }).getAttribute("href")).toBe(
      "/runbooks/database-down#checks",
    );
    expect(primary.textContent).toContain("No"); // not critical: traders are still served

    const replica = row("database-replica");
    expect(within(replica).getByText("pass")).toBeTruthy();
    expect(replica.textContent).toContain("replication lag 0.2 s");

    expect(screen.getByRole("region", { name: "Readiness" }).textContent).toContain("warn");
  });
});
