import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { BackupError } from "./errors.ts";

/** The sidecar of `dump`: `<dump>.sha256`. */
export const sidecarOf = (dump: string): string => `${dump}.sha256`;

/** sha256 of a file, streamed (dumps can be large). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * The sidecar's text in coreutils format (`<hex>  <file name>`), so `sha256sum -c x.dump.sha256` checks a copy on
 * any machine without this tool.
 */
export const sidecarText = (hex: string, dumpName: string): string => `${hex}  ${basename(dumpName)}\n`;

/** The hash a sidecar records, or null when there is no sidecar; a sidecar that is not `<64 hex>  <name>` is corrupt. */
export async function readSidecar(dump: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(sidecarOf(dump), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  const m = /^([0-9a-f]{64}) [ *](.+)\n?$/.exec(text);
  if (!m)
    throw new BackupError(
      "CHECKSUM_MISMATCH",
      `${sidecarOf(dump)} is not a sha256sum line: refusing ${dump}`,
    );
  return m[1]!;
}

/** Checks `dump` against its sidecar; returns the hash. Missing sidecar → CHECKSUM_MISSING, different → CHECKSUM_MISMATCH. */
export async function verifyChecksum(dump: string): Promise<string> {
  const expected = await readSidecar(dump);
  if (expected === null)
    throw new BackupError(
      "CHECKSUM_MISSING",
      `${dump} has no ${basename(sidecarOf(dump))}: an unfinished backup, or copied without its checksum; refusing it`,
      "file",
    );
  const actual = await sha256File(dump);
  if (actual !== expected)
    throw new BackupError(
      "CHECKSUM_MISMATCH",
      `${dump} is corrupt: sha256 ${actual} but its sidecar says ${expected}; refusing to restore it`,
      "file",
    );
  return actual;
}
