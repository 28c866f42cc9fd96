import { describe, expect, it } from "vitest";
import { createApp } from "../../app.ts";
import { DemoUserDirectory } from "../../identity/demo-users.ts";
import { FileUserDirectory } from "../../identity/file-user-directory.ts";
import { silentLogger } from "../../lib/logger.ts";
import { httpAccess } from "../../security/access-table.ts";
import { MemorySessionStore } from "../../session/memory-store.ts";
import { SessionService } from "../../session/session-service.ts";
import { routeTable } from "../route-table.ts";

type Operation = Record<string, unknown> & { responses: Record<string, unknown> };
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>>; components: object };

async function served(): Promise<Doc> {
  const app = createApp({
    logger: silentLogger,
    catalog: { known: true, list: () => [] },
    feedStatus: () => {
      throw new Error("unused");
    },
    readyMaxFeedAgeMs: 1000,
    stats: () => ({}),
    sessions: new SessionService({ store: new MemorySessionStore(), idleMs: 1000, absoluteMs: 2000 }),
    users: await DemoUserDirectory.create(new FileUserDirectory("/nonexistent/users.json")),
  });
  const res = await app.request("/api/v1/openapi.json");
  expect(res.status).toBe(200);
  return (await res.json()) as Doc;
}

describe("OpenAPI document (generated from the route table)", async () => {
  const doc = await served();
  const openApiPath = (p: string) => p.replace(/:(\w+)/g, "{$1}");

  it("is 3.1 and lists every /api/v1 route of the access table with its access", () => {
    expect(doc.openapi).toBe("3.1.0");
    const api = httpAccess.filter((r) => r.path.startsWith("/api/v1/"));
    const missing = api
      .filter((r) => !doc.paths[openApiPath(r.path)]?.[r.method.toLowerCase()])
      .map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
    for (const r of api)
      expect(doc.paths[openApiPath(r.path)]![r.method.toLowerCase()]!["x-access"]).toBe(r.access);
  });

  it("leaves out the hidden entries (probes, runbooks, JWKS, the SPA)", () => {
    const hidden = routeTable.filter((r) => r.hide).map((r) => r.path);
    expect(hidden).toEqual(
      expect.arrayContaining(["/health/live", "/runbooks/{name}", "/.well-known/jwks.json", "/*"]),
    );
    for (const path of hidden) expect(doc.paths[path]).toBeUndefined();
  });

  it("describes the submit body, the error envelope and the access", () => {
    const submit = doc.paths["/api/v1/orders"]!.post!;
    expect(JSON.stringify(submit.requestBody)).toContain("idempotencyKey");
    expect(JSON.stringify(submit.responses)).toContain("#/components/schemas/ErrorEnvelope");
    expect(submit["x-access"]).toBe("orders:write");
    expect(Object.keys(submit.responses)).toEqual(
      expect.arrayContaining(["200", "201", "401", "403", "503"]),
    );
    expect(JSON.stringify(doc.components)).toContain('"ErrorEnvelope"');
  });

  it("documents path and query parameters from the request schemas", () => {
    const one = doc.paths["/api/v1/orders/{id}"]!.get!;
    expect(one.parameters).toEqual([expect.objectContaining({ name: "id", in: "path", required: true })]);
    const list = doc.paths["/api/v1/instruments"]!.get!;
    expect((list.parameters as { name: string }[]).map((p) => p.name)).toEqual(
      expect.arrayContaining(["q", "limit", "cursor", "assets"]),
    );
  });

  it("marks public operations as needing no session, and adds 401/403 only to the others", () => {
    const login = doc.paths["/api/v1/auth/login"]!.post!;
    expect(login.security).toEqual([]);
    expect(Object.keys(login.responses)).not.toContain("403");
    const session = doc.paths["/api/v1/session"]!.get!;
    expect(session.security).toBeUndefined();
    expect(Object.keys(session.responses)).toEqual(expect.arrayContaining(["200", "401", "403"]));
  });
});
