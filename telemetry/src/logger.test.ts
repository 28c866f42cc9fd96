import { trace } from "@opentelemetry/api";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, redactPaths, REDACTED } from "./logger.ts";
import { runWithRequestContext } from "./request-context.ts";

const provider = new NodeTracerProvider();
beforeAll(() => void provider.register());
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
});

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: "debug", svc: "bff", destination: { write: (s) => lines.push(s) } });
  const last = () => JSON.parse(lines.at(-1)!) as Record<string, unknown>;
  return { logger, lines, last };
}

describe("createLogger", () => {
  it("writes JSON lines: level label, ISO time, svc, msg", () => {
    const { logger, last } = capture();
    logger.info({ port: 9080 }, "listening");
    const line = last();
    expect(line).toMatchObject({ level: "info", svc: "bff", msg: "listening", port: 9080 });
    expect(new Date(line.time as string).toISOString()).toBe(line.time);
    expect(line).not.toHaveProperty("trace_id");
    expect(line).not.toHaveProperty("requestId");
  });

  // Every secret shape the BFF could log, each with a distinct value that must not appear anywhere in the output.
  const shapes: [string, (v: string) => object][] = [
    ["req.headers.cookie", (v) => ({ req: { headers: { cookie: v } } })],
    ["res.headers.set-cookie", (v) => ({ res: { headers: { "set-cookie": [v] } } })],
    ["headers.authorization", (v) => ({ headers: { authorization: `Bearer ${v}` } })],
    ["headers.Authorization", (v) => ({ headers: { Authorization: `Bearer ${v}` } })],
    ["err.config.headers.authorization", (v) => ({ err: { config: { headers: { authorization: v } } } })],
    ["cookie", (v) => ({ cookie: v })],
    ["password", (v) => ({ password: v })],
    ["body.password", (v) => ({ body: { password: v } })],
    ["user.passwordHash", (v) => ({ user: { passwordHash: v } })],
    ["token", (v) => ({ token: v })],
    ["tokens.accessToken", (v) => ({ tokens: { accessToken: v } })],
    ["refreshToken", (v) => ({ refreshToken: v })],
    ["oidc.tokens.idToken", (v) => ({ oidc: { tokens: { idToken: v } } })],
    ["id_token", (v) => ({ id_token: v })],
    ["secret", (v) => ({ secret: v })],
    ["config.OIDC_CLIENT_SECRET", (v) => ({ config: { OIDC_CLIENT_SECRET: v } })],
    ["config.FEED_TOKEN", (v) => ({ config: { FEED_TOKEN: v } })],
    ["FEED_TOKEN", (v) => ({ FEED_TOKEN: v })],
    ["a.b.c.token", (v) => ({ a: { b: { c: { token: v } } } })],
  ];
  it.each(shapes)("redacts %s", (_name, shape) => {
    const { logger, lines, last } = capture();
    const secret = `s3cr3t-${Math.random().toString(36).slice(2)}`;
    logger.warn(shape(secret), "something happened");
    expect(lines.join("")).not.toContain(secret);
    expect(JSON.stringify(last())).toContain(REDACTED);
  });

  it("keeps what is not a secret", () => {
    const { logger, last } = capture();
    logger.info({ req: { headers: { "user-agent": "x" } }, userId: "u-1", tokenCount: 3 }, "ok");
    expect(last()).toMatchObject({ req: { headers: { "user-agent": "x" } }, userId: "u-1", tokenCount: 3 });
  });

  it("inside a span: trace_id, span_id and trace_flags of that span", () => {
    const { logger, last } = capture();
    trace.getTracer("test").startActiveSpan("work", (span) => {
      logger.info({}, "inside");
      span.end();
      const ctx = span.spanContext();
      expect(ctx.traceId).not.toMatch(/^0+$/);
      expect(last()).toMatchObject({ trace_id: ctx.traceId, span_id: ctx.spanId, trace_flags: "01" });
    });
    logger.info({}, "outside");
    expect(last()).not.toHaveProperty("trace_id");
  });

  it("inside a request: requestId, across awaits", async () => {
    const { logger, last } = capture();
    await runWithRequestContext({ requestId: "req-42" }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      logger.info({}, "later in the request");
    });
    expect(last()).toMatchObject({ requestId: "req-42" });
  });
});

describe("redactPaths", () => {
  it("covers every key from the top level down to three objects deep, quoting hyphenated keys", () => {
    const paths = redactPaths(["password", "set-cookie"]);
    expect(paths).toEqual([
      "password",
      "*.password",
      "*.*.password",
      "*.*.*.password",
      '["set-cookie"]',
      '*["set-cookie"]',
      '*.*["set-cookie"]',
      '*.*.*["set-cookie"]',
    ]);
  });
});
