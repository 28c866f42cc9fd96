import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type RunningSim } from "@pregao/sim";
import { AUDIT_CSV_COLUMNS, type AuditPage, type Order, type Quote } from "@pregao/contracts";
import type { AuditDatabase } from "../../src/audit/schema.ts";
import { verifyAuditChain } from "../../src/audit/verify.ts";
import type { RunningBff } from "../../src/server.ts";
import { createTestDatabase } from "../../src/workspace/pg-test-db.ts";
import { call, connect, startTestBff, until } from "../helpers/clients.ts";
import { browserHeaders, login } from "../helpers/session.ts";
import { CuttableProxy, viaProxy } from "./tcp-proxy.ts";

/** The outage length; the issue asks for 30 s (AUDIT_OUTAGE_S shortens it for a quick local run). */
const OUTAGE_MS = Number(process.env.AUDIT_OUTAGE_S ?? 30) * 1000;
const ACCOUNT = { brokerId: 308, accountId: "10001" };

/**
 * Issue 12's "the database stops for 30 s during order flow": a real BFF and order manager, PostgreSQL behind a TCP
 * proxy the test cuts (connections destroyed, new ones refused) while a trader submits and cancels orders. Afterwards
 * every audit row is there once, in order, and the chain verifies; the risk desk reads them through the Audit routes.
 */
describe("audit trail: PostgreSQL stops during order flow", () => {
  let sim: RunningSim;
  let bff: RunningBff;
  let proxy: CuttableProxy;
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let direct: Kysely<AuditDatabase>;
  const dir = mkdtempSync(join(tmpdir(), "pregao-audit-orders-"));
  const cookies: Record<string, string> = {};
  let price = 0;

  const api = (who: string, method: string, path: string, body?: unknown) =>
    fetch(`${bff.url}${path}`, {
      method,
      headers: browserHeaders(bff.url, cookies[who]),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const target = new URL(testDb.url);
    proxy = new CuttableProxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.start();
    direct = new Kysely<AuditDatabase>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: testDb.url, max: 2 }) }),
    });
    sim = await startSim({
      rate: 100,
      assets: 10,
      seed: 12,
      jwksUrl: () => `${bff.url}/.well-known/jwks.json`,
    });
    bff = await startTestBff(sim.feedUrl, undefined, {
      ORDER_MANAGER_URL: sim.servicesUrl,
      RATE_API_PER_MIN: 0,
      DATABASE_URL: viaProxy(testDb.url, proxy),
      DATABASE_PROBE_MS: 250,
      AUDIT_STORE: "database",
      AUDIT_SPOOL_FILE: join(dir, "spool.jsonl"),
      AUDIT_DB_WRITE_TIMEOUT_MS: 2000,
    });
    await until(() => bff.feed.catalog.known, 15_000);
    for (const who of ["trader", "risk"] as const) cookies[who] = await login(bff.url, who);
    const socket = await connect(bff.url, { cookie: cookies.trader! });
    const q = (await call(socket, "quotes:subscribe", { assets: ["PETR4:B"] })).data.quotes[0] as Quote;
    socket.disconnect();
    price = Math.round((q.bid ?? q.last ?? 30) * 0.98 * 100) / 100; // resting well under the bid: cancels seldom meet a fill
  }, 60_000);
  afterAll(async () => {
    await bff?.close();
    await sim?.close();
    await proxy?.close();
    await direct?.destroy();
    await testDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    `keeps every order's audit row, once, in order, through a ${OUTAGE_MS / 1000} s outage`,
    async () => {
      const submitted: string[] = [];
      /** The audit rows the order calls must leave, in the order the calls were made: `event order_id`. */
      const expected: string[] = [];
      /** One submit + cancel round trip; the audit rows are what the test checks, the orders just have to go through. */
      const trade = async () => {
        const body = {
          account: ACCOUNT,
          asset: "PETR4:B",
          side: "BUY",
          type: "LIMIT",
          quantity: 100,
          price,
          timeInForce: "DAY",
          idempotencyKey: randomUUID(),
        };
        const res = await api("trader", "POST", "/api/v1/orders", body);
        expect(res.status).toBe(201);
        const { orderId } = (await res.json()) as Order;
        submitted.push(orderId);
        expected.push(`order.submit.success ${orderId}`);
        const del = await api("trader", "DELETE", `/api/v1/orders/${orderId}`);
        // 409: it filled before the cancel arrived — audited as a failure, just as good a row
        expect([200, 409]).toContain(del.status);
        expected.push(`order.cancel.${del.status === 200 ? "success" : "failure"} ${orderId}`);
      };
      const drive = async (ms: number) => {
        const end = Date.now() + ms;
        while (Date.now() < end) {
          const next = Date.now() + 1250; // the order manager allows 100 order writes a minute per user
          await trade();
          await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
        }
      };
      await drive(2000);
      await proxy.cut();
      const beforeCut = submitted.length;
      await drive(OUTAGE_MS);
      expect(bff.audit.stats().store).toMatchObject({ mode: "spooling" });
      const duringCut = submitted.length - beforeCut;
      await proxy.restore();
      await drive(2000);
      await until(() => {
        const s = bff.audit.stats();
        return (
          s.depth === 0 && s.store?.mode === "direct" && s.store.spoolBytes === 0 && s.store.replayed > 0
        );
      }, 30_000);
      await until(async () => {
        const n = await direct
          .selectFrom("audit_log")
          .where("event", "like", "order.%")
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .executeTakeFirstOrThrow();
        return Number(n.n) >= expected.length;
      }, 10_000);

      const rows = await direct.selectFrom("audit_log").selectAll().orderBy("seq").execute();
      const orderRows = rows
        .filter((r) => r.event.startsWith("order."))
        .map((r) => `${r.event} ${r.order_id}`);
      expect(orderRows).toEqual(expected); // each once, in the order the calls were made
      expect(rows.find((r) => r.event === "order.submit.success")).toMatchObject({
        user: "trader",
        asset: "PETR4:B",
        outcome: "success",
      });
      expect(rows.some((r) => r.event === "audit.rows_lost")).toBe(false);
      expect(await verifyAuditChain(direct)).toMatchObject({ ok: true, count: rows.length });
      console.warn(
        `[measure] ${OUTAGE_MS / 1000} s database outage during order flow: ${submitted.length} orders submitted and ` +
          `cancelled (${duringCut} while cut), ${rows.length} audit rows, ${bff.audit.stats().store?.replayed} replayed ` +
          `from the spool, chain OK`,
      );

      // The risk desk finds them through the Audit routes; a trader may not.
      const page = await api("risk", "GET", `/api/v1/audit?action=order.submit&asset=PETR4:B&limit=5`);
      expect(page.status).toBe(200);
      const body = (await page.json()) as AuditPage;
      expect(body.entries.map((e) => e.orderId)).toEqual(submitted.slice(-5).reverse());
      expect(body.nextCursor).not.toBeNull();
      const csv = await api("risk", "GET", `/api/v1/audit/export?orderId=${submitted[0]}`);
      expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
      const lines = (await csv.text()).trim().split("\r\n");
      expect(lines[0]).toBe(AUDIT_CSV_COLUMNS.join(","));
      const first = expected.filter((e) => e.endsWith(` ${submitted[0]}`)).map((e) => e.split(" ")[0]);
      expect(lines.slice(1).map((l) => l.split(",")[2])).toEqual(first.reverse()); // newest first
      expect((await api("trader", "GET", "/api/v1/audit")).status).toBe(403);
    },
    OUTAGE_MS + 90_000,
  );
});
