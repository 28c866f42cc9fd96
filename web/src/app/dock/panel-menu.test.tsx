import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLocale } from "../../i18n/i18n.ts";
import type { PanelEntry } from "../panel-registry.ts";
import { PanelMenu } from "./panel-menu.tsx";

const entry = (id: string, title: string): PanelEntry => ({
  id,
  title,
  load: () => Promise.resolve({ default: () => null }),
  permission: "market:read",
});
const entries = [entry("watchlist", "Watchlist"), entry("chart", "Chart"), entry("tape", "Times & trades")];

let onAdd: ReturnType<typeof vi.fn<(e: PanelEntry) => void>>;
let onReset: ReturnType<typeof vi.fn<() => void>>;
beforeEach(() => {
  setLocale("en");
  onAdd = vi.fn<(e: PanelEntry) => void>();
  onReset = vi.fn<() => void>();
  render(<PanelMenu entries={entries} onAdd={onAdd} onReset={onReset} />);
});
afterEach(cleanup);

const addButton = () => screen.getByRole("button", { name: "Add panel" });
const menu = () => screen.queryByRole("menu", { name: "Add panel" });
const items = () => within(menu()!).getAllByRole("menuitem");

describe("PanelMenu: Add panel", () => {
  it("opens a menu of the session's panel types with focus on the first; picking one adds it and closes", () => {
    expect(addButton().getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(addButton());
    expect(addButton().getAttribute("aria-expanded")).toBe("true");
    expect(addButton().getAttribute("aria-controls")).toBe(menu()!.id);
    expect(items().map((i) => i.textContent)).toEqual(["Watchlist", "Chart", "Times & trades"]);
    expect(document.activeElement).toBe(items()[0]);
    fireEvent.click(items()[1]!);
    expect(onAdd).toHaveBeenCalledExactlyOnceWith(entries[1]);
    expect(menu()).toBeNull();
  });

  it("moves with the arrow keys, wrapping at both ends; Escape closes and gives focus back to the button", () => {
    fireEvent.click(addButton());
    const m = menu()!;
    fireEvent.keyDown(m, { key: "ArrowUp" });
    expect(document.activeElement).toBe(items()[2]);
    fireEvent.keyDown(m, { key: "ArrowDown" });
    expect(document.activeElement).toBe(items()[0]);
    fireEvent.keyDown(m, { key: "ArrowDown" });
    expect(document.activeElement).toBe(items()[1]);
    fireEvent.keyDown(m, { key: "Escape" });
    expect(menu()).toBeNull();
    expect(document.activeElement).toBe(addButton());
    expect(onAdd).not.toHaveBeenCalled();
  });

  it("closes on a pointer down outside it, but not on one inside; the button toggles it", () => {
    fireEvent.click(addButton());
    fireEvent.pointerDown(items()[0]!);
    expect(menu()).not.toBeNull();
    fireEvent.pointerDown(document.body);
    expect(menu()).toBeNull();
    fireEvent.click(addButton());
    fireEvent.click(addButton());
    expect(menu()).toBeNull();
  });
});

describe("PanelMenu: Reset layout", () => {
  it("asks first: Cancel keeps the layout, the dialog's Reset layout resets it once", () => {
    fireEvent.click(screen.getByRole("button", { name: "Reset layout" }));
    const dialog = screen.getByRole("dialog", { name: "Reset layout?" });
    expect(dialog.textContent).toContain("Watchlists are kept");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(onReset).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole("button", { name: "Reset layout" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Reset layout" }));
    expect(onReset).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});
