import { randomUUID } from "node:crypto";
import { chmod, mkdir, readFile, readdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";

/** Default key directory: `<repo>/bff/data/keys` (git-ignored). */
export const defaultKeysDir = fileURLToPath(new URL("../../data/keys", import.meta.url));

/**
 * One signing key as stored in `<dir>/<kid>.json` (mode 0600): the private Ed25519 JWK plus its schedule.
 * `activatesAt`: epoch s from which it may sign (publish-then-sign: it is in the JWKS before that);
 * `retiredAt`: dropped from the JWKS; a retired file keeps only its public part.
 */
export interface StoredKey extends JWK {
  kid: string;
  createdAt: number;
  activatesAt: number;
  retiredAt?: number;
}

export interface LoadedKey {
  kid: string;
  stored: StoredKey;
  privateKey: CryptoKey | null;
}

const PUBLIC_FIELDS = ["kty", "crv", "x", "kid", "alg", "use"] as const;

/** The public part of a JWK (never `d`). */
export function publicJwk(k: JWK): JWK {
  const out: JWK = {};
  for (const f of PUBLIC_FIELDS) if (k[f] !== undefined) (out as Record<string, unknown>)[f] = k[f];
  return out;
}

const nowS = () => Math.floor(Date.now() / 1000);

/** Generates an Ed25519 key and writes it (0600, atomically). Returns the stored key. */
export async function addKey(dir: string, activatesAt: number, now = nowS()): Promise<StoredKey> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const jwk = await exportJWK(privateKey);
  // Sortable kid: creation time first, so "newest" is also the lexical max.
  const kid = `${new Date(now * 1000).toISOString().replace(/[-:]|\.\d+/g, "")}-${randomUUID().slice(0, 8)}`;
  const stored: StoredKey = { ...jwk, kid, alg: "EdDSA", use: "sig", createdAt: now, activatesAt };
  await writeStored(dir, stored);
  return stored;
}

async function writeStored(dir: string, key: StoredKey): Promise<void> {
  const file = join(dir, `${key.kid}.json`);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, file);
}

/** Every stored key, oldest first. Unreadable files are reported, not fatal. */
export async function readKeys(
  dir: string,
  onBad?: (file: string, err: unknown) => void,
): Promise<StoredKey[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith(".json"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const keys: StoredKey[] = [];
  for (const f of files) {
    try {
      const k = JSON.parse(await readFile(join(dir, f), "utf8")) as StoredKey;
      if (k.kty !== "OKP" || k.crv !== "Ed25519" || typeof k.kid !== "string")
        throw new Error("not an Ed25519 JWK");
      keys.push(k);
    } catch (err) {
      onBad?.(f, err);
    }
  }
  return keys.sort((a, b) => a.createdAt - b.createdAt || a.kid.localeCompare(b.kid));
}

/** The key that signs at `now`: the newest activated, not retired key holding a private part. */
export function signingKeyOf<K extends { stored: StoredKey; privateKey: unknown }>(
  keys: readonly K[],
  now = nowS(),
) {
  return [...keys]
    .reverse()
    .find((k) => k.privateKey && k.stored.retiredAt === undefined && k.stored.activatesAt <= now);
}

/**
 * Retires `kid`: drops it from the JWKS and deletes its private part. Refused for the current signing key, and — unless
 * `force` — while tokens it signed may still be valid (it signed until the next key activated, + `maxTtlS`).
 */
export async function retireKey(
  dir: string,
  kid: string,
  opts: { maxTtlS: number; force?: boolean; now?: number },
) {
  const now = opts.now ?? nowS();
  const keys = await readKeys(dir);
  const key = keys.find((k) => k.kid === kid);
  if (!key) throw new Error(`no key ${kid}`);
  if (key.retiredAt !== undefined) return key;
  const loaded = keys.map((stored) => ({ stored, privateKey: stored.d ? true : null }));
  if (signingKeyOf(loaded, now)?.stored.kid === kid)
    throw new Error(`${kid} is the current signing key; rotate first`);
  const successor = keys.find(
    (k) => k.createdAt > key.createdAt && k.retiredAt === undefined && k.activatesAt <= now,
  );
  if (!successor) throw new Error(`${kid} has no active successor; rotate first`);
  const safeAt = successor.activatesAt + opts.maxTtlS;
  if (!opts.force && now < safeAt)
    throw new Error(
      `tokens signed by ${kid} may be valid until ${new Date(safeAt * 1000).toISOString()}; wait or --force`,
    );
  const retired: StoredKey = {
    ...(publicJwk(key) as StoredKey),
    createdAt: key.createdAt,
    activatesAt: key.activatesAt,
    retiredAt: now,
  };
  await writeStored(dir, retired);
  return retired;
}

/** Loads the stored keys and imports the private parts. */
export async function loadKeys(
  dir: string,
  onBad?: (file: string, err: unknown) => void,
): Promise<LoadedKey[]> {
  const stored = await readKeys(dir, onBad);
  return Promise.all(
    stored.map(async (s) => ({
      kid: s.kid,
      stored: s,
      privateKey:
        s.d && s.retiredAt === undefined
          ? ((await importJWK({ ...s, alg: "EdDSA" }, "EdDSA")) as CryptoKey)
          : null,
    })),
  );
}
