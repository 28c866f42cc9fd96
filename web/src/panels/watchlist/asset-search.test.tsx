import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AssetInfo } from "@pregao/contracts";
import { AssetSearch } from "./asset-search.tsx";

const list = [
  { asset: "PETR4:B", name: "Petrobras PN", description: "Petróleo Brasileiro" },
  { asset: "PETR3:B", name: "Petrobras ON", description: "Petróleo Brasileiro" },
  { asset: "VALE3:B", name: "Vale ON", description: "Vale" },
] as AssetInfo[];

afterEach(cleanup);

describe("AssetSearch", () => {
  it("filters by ticker or name and adds with the keyboard", () => {
    const onPick = vi.fn();
    render(<AssetSearch instruments={list} held={["PETR4:B"]} onPick={onPick} />);
    const box = screen.getByRole("combobox", { name: "Add asset" });
    fireEvent.change(box, { target: { value: "petro" } });
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(["PETR3:BPetrobras ON"]);
    fireEvent.change(box, { target: { value: "vale" } });
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onPick).toHaveBeenCalledWith("VALE3:B");
  });

  it("moves the active option with arrows", () => {
    const onPick = vi.fn();
    render(<AssetSearch instruments={list} held={[]} onPick={onPick} />);
    const box = screen.getByRole("combobox", { name: "Add asset" });
    fireEvent.change(box, { target: { value: "PETR" } });
    fireEvent.keyDown(box, { key: "ArrowDown" });
    expect(box.getAttribute("aria-activedescendant")).toMatch(/-1$/);
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onPick).toHaveBeenCalledWith("PETR4:B");
  });
});
