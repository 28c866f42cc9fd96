import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useConnectionStore } from "../stream/connection-store.ts";
import { RECONNECTED_NOTICE_MS, ReconnectedNotice } from "./reconnected-notice.tsx";

const notice = () => screen.getByRole("status");

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
  useConnectionStore.getState().connecting();
  useConnectionStore.getState().connected();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("ReconnectedNotice", () => {
  it("is an empty polite live region until a dropped socket comes back", () => {
    render(<ReconnectedNotice />);
    expect(notice().getAttribute("aria-live")).toBe("polite");
    expect(notice().textContent).toBe("");
    act(() => useConnectionStore.getState().lost("transport close"));
    expect(notice().textContent).toBe("");
  });

  it("says Reconnected after a blip, and goes quiet a few seconds later", () => {
    render(<ReconnectedNotice />);
    act(() => {
      useConnectionStore.getState().lost("transport close", 1_000_000);
      useConnectionStore.getState().connected({ now: 1_000_800 });
    });
    expect(notice().textContent).toBe("Reconnected");
    act(() => vi.advanceTimersByTime(RECONNECTED_NOTICE_MS + 1000));
    expect(notice().textContent).toBe("");
  });

  it("says how long it was away after a longer outage", () => {
    render(<ReconnectedNotice />);
    act(() => {
      useConnectionStore.getState().lost("ping timeout", 988_000);
      useConnectionStore.getState().connected({ now: 1_000_000 });
    });
    expect(notice().textContent).toBe("Reconnected after 12 s away");
  });

  it("says nothing for the first connect of the page", () => {
    render(<ReconnectedNotice />);
    act(() => {
      useConnectionStore.getState().connecting();
      useConnectionStore.getState().connected();
    });
    expect(notice().textContent).toBe("");
  });
});
