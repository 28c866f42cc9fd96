import { describe, expect, it, vi } from "vitest";
import { createRafBatcher, type FrameScheduler } from "./raf-batcher.ts";

function fakeFrames() {
  const queue = new Map<number, () => void>();
  let next = 1;
  const scheduler: FrameScheduler = {
    request: (cb) => {
      queue.set(next, cb);
      return next++;
    },
    cancel: (h) => void queue.delete(h),
  };
  const frame = () => {
    const cbs = [...queue.values()];
    queue.clear();
    for (const cb of cbs) cb();
  };
  return { scheduler, frame, pending: () => queue.size };
}

describe("createRafBatcher", () => {
  it("applies many updates once per frame, latest value per key", () => {
    const f = fakeFrames();
    const apply = vi.fn();
    const b = createRafBatcher<string, number>(apply, f.scheduler);
    for (let i = 0; i < 100; i++) b.push(i % 2 ? "PETR4:B" : "VALE3:B", i);
    expect(apply).not.toHaveBeenCalled();
    expect(f.pending()).toBe(1);
    f.frame();
    expect(apply).toHaveBeenCalledTimes(1);
    expect([...apply.mock.calls[0]![0]]).toEqual([
      ["VALE3:B", 98],
      ["PETR4:B", 99],
    ]);
  });

  it("does nothing on a frame with no updates and schedules again for the next burst", () => {
    const f = fakeFrames();
    const apply = vi.fn();
    const b = createRafBatcher<string, number>(apply, f.scheduler);
    b.push("A", 1);
    f.frame();
    f.frame();
    expect(apply).toHaveBeenCalledTimes(1);
    b.push("A", 2);
    f.frame();
    expect(apply).toHaveBeenCalledTimes(2);
    expect(apply.mock.calls[1]![0].get("A")).toBe(2);
  });

  it("flush applies now and cancels the frame; dispose drops the buffer", () => {
    const f = fakeFrames();
    const apply = vi.fn();
    const b = createRafBatcher<string, number>(apply, f.scheduler);
    b.push("A", 1);
    b.flush();
    expect(apply).toHaveBeenCalledTimes(1);
    expect(f.pending()).toBe(0);
    b.push("B", 2);
    b.dispose();
    f.frame();
    expect(apply).toHaveBeenCalledTimes(1);
    expect(b.size).toBe(0);
  });
});
