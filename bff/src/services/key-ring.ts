import type { CryptoKey, JSONWebKeySet } from "jose";
import type { Logger } from "../lib/logger.ts";
import { addKey, loadKeys, publicJwk, signingKeyOf, type LoadedKey } from "./keys.ts";

export interface KeyRingOptions {
  dir: string;
  /** Reload the directory this often (rotation picked up without a restart; SIGHUP reloads at once). */
  reloadMs: number;
  logger: Logger;
  now?: () => number;
}

/**
 * The BFF's service-token signing keys, read from SERVICE_KEYS_DIR. The newest activated key signs; every key not
 * retired is published in the JWKS — a rotated-in key is published before it activates, a superseded key stays
 * published until retired, so a verifier always finds the kid of any live token.
 */
export class KeyRing {
  private keys: LoadedKey[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  private constructor(private readonly options: KeyRingOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Loads the directory, generating a first key (active at once) when there is no usable one. */
  static async open(options: KeyRingOptions): Promise<KeyRing> {
    const ring = new KeyRing(options);
    await ring.reload();
    if (!ring.signer()) {
      const s = Math.floor(ring.now() / 1000);
      const key = await addKey(options.dir, s, s);
      options.logger.info({ kid: key.kid, dir: options.dir }, "generated a service-token signing key");
      await ring.reload();
    }
    if (options.reloadMs > 0) {
      ring.timer = setInterval(() => void ring.reload().catch(() => undefined), options.reloadMs);
      ring.timer.unref();
    }
    return ring;
  }

  /** Re-reads the directory (timer, SIGHUP). Keeps the old set if the read fails. */
  async reload(): Promise<void> {
    try {
      const next = await loadKeys(this.options.dir, (file, err) =>
        this.options.logger.error({ file, err: String(err) }, "unreadable service key file; skipped"),
      );
      const before = new Set(this.keys.map((k) => k.kid));
      const added = next.filter((k) => !before.has(k.kid)).map((k) => k.kid);
      if (added.length && this.keys.length) this.options.logger.info({ added }, "service keys reloaded");
      this.keys = next;
    } catch (err) {
      this.options.logger.error({ err: String(err) }, "service key reload failed; keeping the current keys");
      throw err;
    }
  }

  /** The key that signs now (kid + private key), or undefined. */
  signer(): { kid: string; key: CryptoKey } | undefined {
    const k = signingKeyOf(this.keys, Math.floor(this.now() / 1000));
    return k?.privateKey ? { kid: k.kid, key: k.privateKey } : undefined;
  }

  /** The public JWKS: every key not retired (public parts only). */
  jwks(): JSONWebKeySet {
    return {
      keys: this.keys
        .filter((k) => k.stored.retiredAt === undefined)
        .map((k) => ({ ...publicJwk(k.stored), alg: "EdDSA", use: "sig", kid: k.kid })),
    };
  }

  /** kids with their schedule, for ops. */
  describe(): { kid: string; activatesAt: number; retiredAt: number | null; signing: boolean }[] {
    const signing = this.signer()?.kid;
    return this.keys.map((k) => ({
      kid: k.kid,
      activatesAt: k.stored.activatesAt,
      retiredAt: k.stored.retiredAt ?? null,
      signing: k.kid === signing,
    }));
  }

  close(): void {
    clearInterval(this.timer);
  }
}
