import { describe, expect, it } from "vitest";
import {
  GatewayConfigError,
  renderGateway,
  type GatewayInstance,
  type GatewayOptions,
} from "../../../deploy/gateway/render.ts";

const base = (instances: GatewayInstance[]): GatewayOptions => ({
  instances,
  listen: { host: "127.0.0.1", port: 8443 },
  prefix: "/srv/pregao/gateway",
  tls: { cert: "/srv/pregao/tls/gateway.crt", key: "/srv/pregao/tls/gateway.key" },
  modsecurity: { module: "/usr/lib/nginx/modules/x.so", crsDir: "/usr/share/modsecurity-crs" },
});
const fleet = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `bff-${i + 1}`, port: 9081 + i }));
const block = (conf: string, name: string) => conf.slice(conf.indexOf(`upstream ${name} {`)).split("}")[0]!;

describe("renderGateway", () => {
  it.each([1, 2, 3])(
    "renders %i instance(s): one round-robin group, one sticky group each, every placeholder filled",
    (n) => {
      const { nginxConf, modsecurityConf } = renderGateway(base(fleet(n)));
      expect(nginxConf).not.toMatch(/\{\{\w+\}\}/);
      expect(modsecurityConf).not.toMatch(/\{\{\w+\}\}/);
      const all = block(nginxConf, "pregao_all");
      for (let i = 1; i <= n; i++) {
        expect(all).toContain(`server 127.0.0.1:${9080 + i} max_fails=1`);
        const own = block(nginxConf, `pregao_bff_${i}`);
        expect(own.match(/ backup;/g)?.length ?? 0).toBe(n - 1);
        expect(own).toMatch(new RegExp(`server 127\\.0\\.0\\.1:${9080 + i} max_fails=1 fail_timeout=5s;`));
        expect(nginxConf).toContain(`    bff-${i} pregao_bff_${i};`);
      }
      expect(nginxConf.match(/^ {2}upstream /gm)?.length).toBe(n + 1);
    },
  );

  it("speaks TLS + HTTP/2, keeps sockets open past socket.io's heartbeat, and runs the CRS blocking", () => {
    const { nginxConf, modsecurityConf } = renderGateway(base(fleet(2)));
    expect(nginxConf).toContain("listen 127.0.0.1:8443 ssl http2;");
    expect(nginxConf).toContain("proxy_read_timeout 75s;");
    expect(nginxConf).toContain("modsecurity_rules_file /srv/pregao/gateway/modsecurity.conf;");
    expect(nginxConf).toContain("proxy_next_upstream error timeout;");
    expect(nginxConf).not.toMatch(/^\s*proxy_next_upstream .*non_idempotent/m);
    expect(modsecurityConf).toMatch(/^SecRuleEngine On$/m);
    expect(modsecurityConf).toContain("Include /usr/share/modsecurity-crs/rules/*.conf");
  });

  it("takes the edge limits from options", () => {
    const { nginxConf, modsecurityConf } = renderGateway({
      ...base(fleet(1)),
      limits: { ratePerSecond: 7, burst: 9, maxBodyBytes: 64 * 1024 },
    });
    expect(nginxConf).toContain("rate=7r/s;");
    expect(nginxConf).toContain("burst=9 nodelay;");
    expect(nginxConf).toContain("client_max_body_size 64k;");
    expect(modsecurityConf).toContain("SecRequestBodyLimit 65536");
  });

  it.each([
    ["no instance", { instances: [] }, /1 to 32/],
    ["too many instances", { instances: fleet(33) }, /1 to 32/],
    ["a bad id", { instances: [{ id: "a b", port: 1 }] }, /not \[A-Za-z0-9_-\]/],
    [
      "a duplicate id",
      {
        instances: [
          { id: "a", port: 1 },
          { id: "a", port: 2 },
        ],
      },
      /given twice/,
    ],
    [
      "a duplicate port",
      {
        instances: [
          { id: "a", port: 1 },
          { id: "b", port: 1 },
        ],
      },
      /given twice/,
    ],
    ["a bad port", { instances: [{ id: "a", port: 70_000 }] }, /not a TCP port/],
    ["a relative prefix", { prefix: "deploy/.local" }, /must be absolute/],
    ["a zero limit", { limits: { burst: 0 } }, /limits\.burst/],
  ])("refuses %s", (_, patch, message) => {
    const opts = { ...base(fleet(2)), ...patch } as GatewayOptions;
    expect(() => renderGateway(opts)).toThrow(GatewayConfigError);
    expect(() => renderGateway(opts)).toThrow(message);
  });
});
