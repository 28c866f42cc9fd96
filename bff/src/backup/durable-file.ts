import { open, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** Flushes a file (or a directory's entries) to disk, so a crash after a rename cannot leave an empty "good" file. */
export async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `text` under `temp`, syncs it, renames it to `final` (atomic on one file system) and syncs the directory. */
export async function writeFileAtomic(temp: string, final: string, text: string): Promise<void> {
  await writeFile(temp, text, { flag: "wx" });
  await fsyncPath(temp);
  await renameDurably(temp, final);
}

/** rename + fsync of the directory, so the new name survives a power cut. */
export async function renameDurably(from: string, to: string): Promise<void> {
  await rename(from, to);
  await fsyncPath(dirname(to));
}
