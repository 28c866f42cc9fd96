import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sha256File, sidecarOf, sidecarText, verifyChecksum } from "./checksum.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "pregao-checksum-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const dumpWithSidecar = async (content: string) => {
  const dump = join(dir, "pregao-x-2026-12-03T19-00-00-000Z.dump");
  await writeFile(dump, content);
  await writeFile(sidecarOf(dump), sidecarText(await sha256File(dump), dump));
  return dump;
};

describe("sha256 sidecar", () => {
  it("writes coreutils' format (sha256sum -c reads it) and verifies an intact dump", async () => {
    const dump = await dumpWithSidecar("PGDMP intact");
    const text = await readFile(sidecarOf(dump), "utf8");
    expect(text).toMatch(/^[0-9a-f]{64} {2}pregao-x-2026-12-03T19-00-00-000Z\.dump\n$/);
    // sha256("PGDMP intact"), computed independently of the code under test
    const expected = "397902a13edb356039e9cb1bb5acf67b5f7c5ea5c70ec38c8570219a4efa66ea";
    expect(text.slice(0, 64)).toBe(expected);
    expect(await verifyChecksum(dump)).toBe(expected);
  });

  it("refuses a dump changed after its checksum was written (CHECKSUM_MISMATCH)", async () => {
    const dump = await dumpWithSidecar("PGDMP original");
    await writeFile(dump, "PGDMP originaL");
    await expect(verifyChecksum(dump)).rejects.toMatchObject({ code: "CHECKSUM_MISMATCH", field: "file" });
  });

  it("refuses a truncated dump", async () => {
    const dump = await dumpWithSidecar("PGDMP a longer body that gets cut");
    await writeFile(dump, "PGDMP a longer");
    await expect(verifyChecksum(dump)).rejects.toMatchObject({ code: "CHECKSUM_MISMATCH" });
  });

  it("refuses a dump without a sidecar (an unfinished or half-copied backup: CHECKSUM_MISSING)", async () => {
    const dump = join(dir, "lonely.dump");
    await writeFile(dump, "PGDMP");
    await expect(verifyChecksum(dump)).rejects.toMatchObject({ code: "CHECKSUM_MISSING" });
  });

  it("refuses a sidecar that is not a sha256sum line", async () => {
    const dump = join(dir, "odd.dump");
    await writeFile(dump, "PGDMP");
    await writeFile(sidecarOf(dump), "not a hash\n");
    await expect(verifyChecksum(dump)).rejects.toMatchObject({ code: "CHECKSUM_MISMATCH" });
  });
});
