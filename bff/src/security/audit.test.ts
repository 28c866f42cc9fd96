import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAuditSink, toAuditRecord } from "./audit.ts";

const secrets = {
  password: "hunter2-PASSWORD",
  cookie: "__Host-pregao_sid=COOKIEVALUE123",
  token: "TOKEN-abc.def.ghi",
  sid: "SIDVALUE-xyz",
  idToken: "IDTOKEN-eyJhbGci",
  authorization: "Bearer AUTHZ-secret",
};

async function written(events: object[]): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), "audit-")), "nested", "audit.jsonl");
  const sink = createAuditSink(file);
  for (const e of events) sink.record(e as never);
  await sink.close();
  return readFileSync(file, "utf8");
}

describe("audit sink", () => {
  it("writes one JSON line per event with time, level, event, user, ip, user agent, outcome, reason", async () => {
    const text = await written([
      {
        type: "login.failure",
        requestId: "req-1",
        user: "trader",
        userId: "u1",
        ip: "127.0.0.1",
        userAgent: "UA/1",
        reason: "bad password",
      },
    ]);
    const lines = text.trim().split("\n");
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({
      level: "warn",
      event: "login.failure",
      outcome: "failure",
      requestId: "req-1",
      user: { username: "trader", id: "u1" },
      ip: "127.0.0.1",
      userAgent: "UA/1",
      reason: "bad password",
    });
    expect(new Date(line.time).getTime()).toBeGreaterThan(0);
  });

  it("never writes a password, cookie, token, session id or authorization, wherever it is put", async () => {
    const text = await written([
      { type: "login.failure", user: "trader", ...secrets },
      { type: "login.success", user: "trader", details: { ...secrets }, headers: { ...secrets } },
      { type: "logout", user: { username: "risk", id: "u2", password: secrets.password } },
      { event: "login.success", method: "oidc", user: "x", idToken: secrets.idToken, code: "AUTHCODE-1" },
    ]);
    expect(text.trim().split("\n")).toHaveLength(4);
    for (const v of [...Object.values(secrets), "AUTHCODE-1"]) expect(text).not.toContain(v);
    expect(text).toContain("[REDACTED]");
  });

  it("maps the OIDC module's shape (`event` + login `method`) and socket denials", () => {
    expect(toAuditRecord({ event: "logout", method: "oidc", user: "x" } as never)).toMatchObject({
      event: "logout",
      outcome: "success",
      loginMethod: "oidc",
    });
    expect(
      toAuditRecord({
        type: "access.denied",
        user: "viewer",
        event: "orders:submit",
        permission: "orders:write",
      }),
    ).toMatchObject({ outcome: "denied", socketEvent: "orders:submit", permission: "orders:write" });
  });

  it("clips oversized strings (no log flooding through a user agent)", () => {
    const rec = toAuditRecord({ type: "login.failure", userAgent: "x".repeat(10_000) });
    expect((rec.userAgent as string).length).toBe(256);
  });

  it("hands every line, aggregates included, to the store as well (the database trail)", async () => {
    const lines: Record<string, unknown>[] = [];
    const store = {
      append: (rec: Record<string, unknown>) => lines.push(rec),
      stats: () => ({
        mode: "direct" as const,
        spoolBytes: 0,
        written: 0,
        spooled: 0,
        replayed: 0,
        dropped: {},
      }),
    };
    const file = join(mkdtempSync(join(tmpdir(), "audit-")), "audit.jsonl");
    const sink = createAuditSink(file, { store });
    sink.record({ type: "order.submit.success", user: "trader", asset: "PETR4:B", password: "x" } as never);
    for (let i = 0; i < 3; i++)
      sink.record({ type: "access.denied", user: "viewer", event: "ops:subscribe", session: "ab" });
    await sink.close(); // closes the open burst window: its aggregate line goes to both
    expect(lines.map((l) => l.event)).toEqual(["order.submit.success", "access.denied", "access.denied"]);
    expect(lines[0]).toMatchObject({
      user: { username: "trader" },
      details: { asset: "PETR4:B", password: "[REDACTED]" },
    });
    expect(lines[2]).toMatchObject({ aggregate: { count: 2 } });
    expect(sink.stats().store).toMatchObject({ mode: "direct" });
    expect(readFileSync(file, "utf8").trim().split("\n")).toHaveLength(3);
  });
});
