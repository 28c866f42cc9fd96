import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BFF_NODE_FLAGS } from "./node-flags.ts";

describe("BFF_NODE_FLAGS", () => {
  it("are the flags of the package's own start script (a script cannot import the list)", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe(`node ${BFF_NODE_FLAGS.join(" ")} --import tsx src/index.ts`);
  });

  it("are accepted by this Node (a misspelt flag would stop the BFF from starting)", () => {
    for (const flag of BFF_NODE_FLAGS)
      expect(process.allowedNodeEnvironmentFlags.has(flag.split("=")[0]!)).toBe(true);
  });
});
