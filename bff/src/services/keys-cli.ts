/**
 * `pnpm --filter @pregao/bff keys <list|rotate|retire <kid> [--force]>` — manages the service-token signing keys in
 * SERVICE_KEYS_DIR. The running BFF picks changes up within SERVICE_KEYS_RELOAD_MS, or at once on SIGHUP.
 */
import { loadConfig } from "../env.ts";
import { addKey, readKeys, retireKey } from "./keys.ts";

const config = loadConfig();
const dir = config.SERVICE_KEYS_DIR;
const [cmd, arg] = process.argv.slice(2).filter((a) => a !== "--");
const now = Math.floor(Date.now() / 1000);
const iso = (s: number) => new Date(s * 1000).toISOString();

if (cmd === "rotate") {
  const key = await addKey(dir, now + config.SERVICE_KEY_PUBLISH_LEAD_S, now);
  console.warn(`added ${key.kid}: published at the next reload, signs from ${iso(key.activatesAt)}`);
  console.warn("retire the previous key after that time + SERVICE_TOKEN_TTL_S (keys retire <kid>)");
} else if (cmd === "retire" && arg) {
  const key = await retireKey(dir, arg, { maxTtlS: 60, force: process.argv.includes("--force") });
  console.warn(`retired ${key.kid}: dropped from the JWKS at the next reload; private part deleted`);
} else if (cmd === "list" || cmd === undefined) {
  for (const k of await readKeys(dir))
    console.warn(
      `${k.kid}  activates ${iso(k.activatesAt)}  ${k.retiredAt ? `retired ${iso(k.retiredAt)}` : k.d ? "active" : "public only"}`,
    );
} else {
  console.error("usage: keys list | keys rotate | keys retire <kid> [--force]");
  process.exit(2);
}
