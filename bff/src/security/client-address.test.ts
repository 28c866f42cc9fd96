import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../env.ts";
import { clientAddressResolver, parseTrustedProxies, TrustedProxiesError } from "./client-address.ts";

const xff = (v: string) => ({ "x-forwarded-for": v });

describe("clientAddressResolver", () => {
  it("trusts nothing by default: a client's own X-Forwarded-For is ignored", () => {
    const resolve = clientAddressResolver([]);
    expect(resolve("203.0.113.5", xff("198.51.100.1"))).toBe("203.0.113.5");
  });

  it("behind a trusted proxy, takes the address the proxy saw", () => {
    const resolve = clientAddressResolver(parseTrustedProxies("loopback"));
    expect(resolve("127.0.0.1", xff("198.51.100.1"))).toBe("198.51.100.1");
    expect(resolve("::ffff:127.0.0.1", xff("198.51.100.1"))).toBe("198.51.100.1");
    expect(resolve("127.0.0.1", {})).toBe("127.0.0.1");
  });

  it("ignores the header when the peer is not a trusted proxy", () => {
    const resolve = clientAddressResolver(parseTrustedProxies("loopback"));
    expect(resolve("203.0.113.5", xff("198.51.100.1"))).toBe("203.0.113.5");
  });

  it("walks a chain right to left and stops at the first untrusted hop (a spoofed left part is ignored)", () => {
    const resolve = clientAddressResolver(parseTrustedProxies("loopback, 10.0.0.0/8"));
    expect(resolve("127.0.0.1", xff("6.6.6.6, 198.51.100.1, 10.1.2.3"))).toBe("198.51.100.1");
    const edgeOnly = clientAddressResolver(parseTrustedProxies("loopback"));
    expect(edgeOnly("127.0.0.1", xff("198.51.100.1, 10.1.2.3"))).toBe("10.1.2.3");
  });

  it("answers 'unknown' without a peer (unit tests without a socket)", () => {
    expect(clientAddressResolver([])(undefined, {})).toBe("unknown");
  });
});

describe("parseTrustedProxies", () => {
  it("accepts IPs, CIDRs and presets; refuses anything else with a typed error", () => {
    expect(parseTrustedProxies(" loopback, 10.0.0.0/8 ,192.0.2.7,,")).toEqual([
      "loopback",
      "10.0.0.0/8",
      "192.0.2.7",
    ]);
    expect(parseTrustedProxies("")).toEqual([]);
    expect(() => parseTrustedProxies("loopback, proxy.example")).toThrow(TrustedProxiesError);
  });
});

describe("TRUSTED_PROXIES in the environment", () => {
  it("defaults to trusting nothing and refuses a bad entry at start, naming the variable", () => {
    expect(loadConfig({}, {}).TRUSTED_PROXIES).toBe("");
    expect(loadConfig({}, { TRUSTED_PROXIES: "loopback,10.0.0.0/8" }).TRUSTED_PROXIES).toBe(
      "loopback,10.0.0.0/8",
    );
    expect(() => loadConfig({}, { TRUSTED_PROXIES: "gateway.local" })).toThrow(ConfigError);
    expect(() => loadConfig({}, { TRUSTED_PROXIES: "gateway.local" })).toThrow(/TRUSTED_PROXIES/);
  });
});
