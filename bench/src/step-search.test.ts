import { describe, expect, it } from "vitest";
import { capacityOf, ladderFrom, nextStep, searchCapacity, type StepPlan } from "./step-search.ts";

const ladder = [100, 200, 400, 600, 800];
const plan = (p: Partial<StepPlan> = {}): StepPlan => ({ ladder, bisect: false, ...p });

/** Runs the search against a fake target whose true capacity is `cap` clients. */
const search = (p: StepPlan, cap: number) =>
  searchCapacity(p, (clients) => Promise.resolve({ clients, pass: clients <= cap }));

describe("nextStep", () => {
  it("starts at the bottom of the ladder (or at startAt) and climbs while steps pass", () => {
    expect(nextStep(plan(), [])).toBe(100);
    expect(nextStep(plan({ startAt: 300 }), [])).toBe(400);
    expect(nextStep(plan({ startAt: 5000 }), [])).toBe(800);
    expect(nextStep(plan(), [{ clients: 200, pass: true }])).toBe(400);
    expect(nextStep(plan(), [{ clients: 800, pass: true }])).toBeNull();
  });

  it("stops at the first failure, or bisects once between the last pass and it", () => {
    const h = [
      { clients: 400, pass: true },
      { clients: 600, pass: false },
    ];
    expect(nextStep(plan(), h)).toBeNull();
    expect(nextStep(plan({ bisect: true }), h)).toBe(500);
    expect(nextStep(plan({ bisect: true }), [...h, { clients: 500, pass: false }])).toBeNull();
    expect(nextStep(plan({ bisect: true }), [...h, { clients: 500, pass: true }])).toBeNull();
  });

  it("does not bisect when the first step fails or the gap is below the granularity", () => {
    expect(nextStep(plan({ bisect: true }), [{ clients: 100, pass: false }])).toBeNull();
    const tight = plan({ ladder: [10, 15], bisect: true, granularity: 10 });
    expect(
      nextStep(tight, [
        { clients: 10, pass: true },
        { clients: 15, pass: false },
      ]),
    ).toBeNull();
  });

  it("steps back down the skipped ladder when a series started part-way up fails its first step", () => {
    const p = plan({ startAt: 400, bisect: true });
    expect(nextStep(p, [{ clients: 400, pass: false }])).toBe(200);
    expect(
      nextStep(p, [
        { clients: 400, pass: false },
        { clients: 200, pass: false },
      ]),
    ).toBe(100);
    const passedAt200 = [
      { clients: 400, pass: false },
      { clients: 200, pass: true },
    ];
    expect(nextStep(p, passedAt200)).toBe(300); // then bisects as usual
    expect(nextStep(p, [...passedAt200, { clients: 300, pass: false }])).toBeNull();
    expect(capacityOf([...passedAt200, { clients: 300, pass: false }])).toEqual({
      clients: 200,
      firstFail: 300,
    });
    expect(
      nextStep(plan({ startAt: 400 }), [
        { clients: 400, pass: false },
        { clients: 200, pass: true },
      ]),
    ).toBeNull();
  });

  it("sorts the ladder", () => {
    expect(ladderFrom({ ladder: [400, 100, 200], bisect: false })).toEqual([100, 200, 400]);
  });
});

describe("searchCapacity + capacityOf", () => {
  it("finds the last ladder step below the true capacity, and the bisect point when it passes", async () => {
    const steps = await search(plan(), 650);
    expect(steps.map((s) => s.clients)).toEqual([100, 200, 400, 600, 800]);
    expect(capacityOf(steps)).toEqual({ clients: 600, firstFail: 800 });
    const bisected = await search(plan({ bisect: true }), 500);
    expect(bisected.map((s) => s.clients)).toEqual([100, 200, 400, 600, 500]);
    expect(capacityOf(bisected)).toEqual({ clients: 500, firstFail: 600 });
  });

  it("says 0 when the first step fails, null when nothing ran, and no first failure when all passed", async () => {
    expect(capacityOf(await search(plan(), 50))).toEqual({ clients: 0, firstFail: 100 });
    expect(capacityOf([])).toEqual({ clients: null, firstFail: null });
    expect(capacityOf(await search(plan(), 10_000))).toEqual({ clients: 800, firstFail: null });
  });
});
