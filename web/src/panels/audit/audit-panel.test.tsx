import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AuditEntry, AuditPage } from "@pregao/contracts";
import { setLocale } from "../../i18n/i18n.ts";
import AuditPanel from "./index.tsx";

// Midday UTC: the same calendar day in every zone a test machine may run in.
const entry = (seq: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  seq,
  at: "2026-12-03T12:00:00.000Z",
  event: "order.submit.success",
  outcome: "success",
  user: "trader",
  ip: "10.0.0.7",
  requestId: `req-${seq}`,
  asset: "PETR4:B",
  orderId: `ORD-${seq}`,
  reason: null,
  details: { side: "BUY", quantity: 100 },
  hash: `h${seq}`,
  ...over,
});
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** The fake BFF's answer to each audit query, by its `before` (absent: the newest page). */
let pages: Map<string | null, AuditPage | Response>;
let fetchMock: ReturnType<typeof vi.fn>;
const requested = () => fetchMock.mock.calls.map(([url]) => String(url));
const queryOf = (url: string) => Object.fromEntries(new URL(url, "http://x").searchParams);

/** The fake BFF's answer to an export (null: a CSV of the header only). */
let exportAnswer: Response | null;

function fakeBff(url: string): Promise<Response> {
  const u = new URL(url, "http://x");
  if (u.pathname === "/api/v1/audit/export")
    return Promise.resolve(
      exportAnswer ??
        new Response("seq,at\r\n", {
          status: 200,
          headers: {
            "content-type": "text/csv",
            "content-disposition": 'attachment; filename="audit-x.csv"',
          },
        }),
    );
  if (u.pathname !== "/api/v1/audit")
    return Promise.resolve(json(404, { error: { code: "NOT_FOUND", message: url } }));
  const answer = pages.get(u.searchParams.get("before")) ?? { entries: [], nextCursor: null };
  return Promise.resolve(answer instanceof Response ? answer.clone() : json(200, answer));
}

function renderPanel() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <AuditPanel />
    </QueryClientProvider>,
  );
}
const table = () => screen.findByRole("table", { name: "Audit trail" });
const bodyRows = (t: HTMLElement) => within(t).getAllByRole("row").slice(1);
const field = (name: string) => screen.getByLabelText(name) as HTMLInputElement;
const type = (name: string, value: string) => fireEvent.change(field(name), { target: { value } });
const apply = () => fireEvent.click(screen.getByRole("button", { name: "Apply" }));
const exportButton = () => screen.getByRole("button", { name: "Export CSV" });
const exports = () => requested().filter((u) => u.startsWith("/api/v1/audit/export"));
/** The files handed to the browser's download (saveFile's link clicks). */
let saved: string[];

beforeEach(() => {
  pages = new Map([
    [
      null,
      { entries: [entry(7), entry(6, { outcome: "denied", reason: "max quantity" })], nextCursor: null },
    ],
  ]);
  fetchMock = vi.fn(fakeBff);
  vi.stubGlobal("fetch", fetchMock);
  exportAnswer = null;
  saved = [];
  URL.createObjectURL = vi.fn(() => "blob:audit");
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    saved.push(`${this.download} ${this.href}`);
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  act(() => setLocale("en"));
});

describe("Audit panel", () => {
  it("shows the newest page: time, user, action, outcome chip, asset, order id, reason", async () => {
    renderPanel();
    expect(screen.getByRole("status").textContent).toBe("Loading the audit trail…");
    const rows = bodyRows(await table());
    expect(rows).toHaveLength(2);
    const cells = within(rows[1]!)
      .getAllByRole("cell")
      .map((c) => c.textContent);
    expect(cells.slice(1, 7)).toEqual([
      "trader",
      "order.submit.success",
      "Denied",
      "PETR4:B",
      "ORD-6",
      "max quantity",
    ]);
    expect(cells[0]).toMatch(/^12\/03\/2026, \d\d:\d\d:00$/);
    expect(within(rows[1]!).getByText("Denied").className).toBe("audit-chip audit-chip-denied");
    expect(requested()).toEqual(["/api/v1/audit"]);
    fireEvent.click(exportButton());
    await waitFor(() => expect(saved).toEqual(["audit-x.csv blob:audit"]));
    expect(exports()).toEqual(["/api/v1/audit/export"]);
  });

  it("says why an export was refused (too many rows), and clears it on the next try", async () => {
    exportAnswer = json(400, {
      error: {
        code: "EXPORT_TOO_LARGE",
        message: "more than 50000 rows match: narrow the filters",
        details: { maxRows: 50_000 },
      },
    });
    renderPanel();
    await table();
    fireEvent.click(exportButton());
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Export failed: more than 50000 rows match: narrow the filters",
    );
    expect(saved).toEqual([]);
    exportAnswer = null;
    fireEvent.click(exportButton());
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("sends the applied filters (not each keystroke) and exports with the same ones", async () => {
    renderPanel();
    await table();
    type("User", "trader");
    type("Action", "order");
    type("Asset", "petr4:b");
    type("Order ID", "ORD-6");
    type("From", "2026-12-03T09:00");
    type("To", "2026-12-03T18:30");
    expect(requested()).toHaveLength(1);
    apply();
    await waitFor(() => expect(requested()).toHaveLength(2));
    const sent = queryOf(requested()[1]!);
    expect(sent).toEqual({
      user: "trader",
      action: "order",
      asset: "PETR4:B",
      orderId: "ORD-6",
      from: new Date(2026, 11, 3, 9, 0).toISOString(),
      to: new Date(2026, 11, 3, 18, 30).toISOString(),
    });
    fireEvent.click(exportButton());
    await waitFor(() => expect(exports()).toHaveLength(1));
    expect(queryOf(exports()[0]!)).toEqual(sent);
  });

  it("names bad fields beside them and sends nothing", async () => {
    renderPanel();
    await table();
    type("User", "u".repeat(129));
    type("From", "2026-12-03T10:00");
    type("To", "2026-12-03T09:00");
    apply();
    expect(field("User").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("At most 128 characters").id).toBe(
      field("User").getAttribute("aria-describedby"),
    );
    expect(screen.getByText("Must be later than From")).toBeTruthy();
    expect(requested()).toHaveLength(1);
    type("User", "trader");
    type("To", "");
    apply();
    await waitFor(() => expect(requested()).toHaveLength(2));
    expect(screen.queryByText("At most 128 characters")).toBeNull();
  });

  it("pages older by the keyset cursor and back newer from cache", async () => {
    pages.set(null, { entries: [entry(9), entry(8)], nextCursor: 8 });
    pages.set("8", { entries: [entry(5, { event: "login.failure", outcome: "failure" })], nextCursor: null });
    renderPanel();
    await table();
    const older = screen.getByRole("button", { name: "Older" });
    const newer = screen.getByRole("button", { name: "Newer" });
    expect(newer.hasAttribute("disabled")).toBe(true);
    fireEvent.click(older);
    await screen.findByText("login.failure");
    expect(queryOf(requested()[1]!)).toEqual({ before: "8" });
    expect(screen.getByText("Page 2")).toBeTruthy();
    expect(older.hasAttribute("disabled")).toBe(true); // the last page: nextCursor null
    fireEvent.click(newer);
    await screen.findByText("ORD-9");
    expect(screen.getByText("Page 1")).toBeTruthy();
    expect(requested()).toHaveLength(2); // the newest page came from the cache
  });

  it("keeps the page on screen while the older one loads, with paging off (its cursor is the old page's)", async () => {
    pages.set(null, { entries: [entry(9), entry(8)], nextCursor: 8 });
    let release: (r: Response) => void = () => undefined;
    fetchMock.mockImplementation((url: string) =>
      url.includes("before=8") ? new Promise<Response>((resolve) => (release = resolve)) : fakeBff(url),
    );
    renderPanel();
    const t = await table();
    fireEvent.click(screen.getByRole("button", { name: "Older" }));
    await waitFor(() => expect(t.getAttribute("aria-busy")).toBe("true"));
    expect(screen.getByText("ORD-9")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Older" }).hasAttribute("disabled")).toBe(true);
    expect(screen.getByRole("button", { name: "Newer" }).hasAttribute("disabled")).toBe(true);
    expect(screen.getByText("Updating…")).toBeTruthy();
    act(() => release(json(200, { entries: [entry(2)], nextCursor: null })));
    await screen.findByText("ORD-2");
    expect((await table()).getAttribute("aria-busy")).toBe("false");
    expect(screen.getByRole("button", { name: "Newer" }).hasAttribute("disabled")).toBe(false);
  });

  it("refreshes on demand and applies a new filter from the newest page", async () => {
    pages.set(null, { entries: [entry(9)], nextCursor: 9 });
    pages.set("9", { entries: [entry(3)], nextCursor: null });
    renderPanel();
    await table();
    fireEvent.click(screen.getByRole("button", { name: "Older" }));
    await screen.findByText("ORD-3");
    type("User", "risk");
    apply();
    await waitFor(() => expect(queryOf(requested().at(-1)!)).toEqual({ user: "risk" }));
    expect(screen.getByText("Page 1")).toBeTruthy();
    const refresh = screen.getByRole("button", { name: "Refresh" });
    await waitFor(() => expect(refresh.hasAttribute("disabled")).toBe(false)); // off while a fetch is in flight
    fireEvent.click(refresh);
    await waitFor(() => expect(requested()).toHaveLength(4));
    expect(queryOf(requested()[3]!)).toEqual({ user: "risk" });
  });

  it("expands an entry's details: ip, request id, chain hash and recorded details", async () => {
    renderPanel();
    await table();
    const show = screen.getByRole("button", { name: "Show details of entry 7" });
    expect(show.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(show);
    const details = screen.getByText("10.0.0.7").closest("dl")!;
    expect(details.getAttribute("aria-label")).toBe("Details of entry 7");
    expect(details.textContent).toContain("10.0.0.7");
    expect(details.textContent).toContain("req-7");
    expect(details.textContent).toContain("h7");
    expect(details.textContent).toContain('"quantity": 100');
    const hide = screen.getByRole("button", { name: "Hide details of entry 7" });
    expect(hide.getAttribute("aria-expanded")).toBe("true");
    fireEvent.click(hide);
    expect(screen.queryByText("10.0.0.7")).toBeNull();
  });

  it("says when nothing matches, and when there is nothing at all", async () => {
    pages.set(null, { entries: [], nextCursor: null });
    renderPanel();
    expect(await screen.findByText("No audit entries yet")).toBeTruthy();
    type("User", "nobody");
    apply();
    expect(await screen.findByText("No audit entries match these filters")).toBeTruthy();
  });

  it("403: no access, the code, nothing to retry", async () => {
    pages.set(null, json(403, { error: { code: "FORBIDDEN", message: "audit:read required" } }));
    renderPanel();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("You do not have access to the audit trail");
    expect(alert.textContent).toContain("Error code FORBIDDEN");
    expect(within(alert).queryByRole("button")).toBeNull();
  });

  it("503: unavailable with the code, and Retry asks again", async () => {
    pages.set(null, json(503, { error: { code: "UPSTREAM_UNAVAILABLE", message: "audit store down" } }));
    renderPanel();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("The audit trail is unavailable right now");
    expect(alert.textContent).toContain("Error code UPSTREAM_UNAVAILABLE");
    pages.set(null, { entries: [entry(1)], nextCursor: null });
    fireEvent.click(within(alert).getByRole("button", { name: "Retry" }));
    expect(bodyRows(await table())).toHaveLength(1);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("no network: the error's words and code, and Retry", async () => {
    fetchMock.mockRejectedValue(new TypeError("Failed to fetch"));
    renderPanel();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Could not load the audit trail: Cannot reach the server");
    expect(alert.textContent).toContain("Error code NETWORK");
    expect(within(alert).getByRole("button", { name: "Retry" })).toBeTruthy();
  });

  it("a BFF refusal naming a filter shows beside that field", async () => {
    pages.set(
      null,
      json(400, { error: { code: "VALIDATION_FAILED", message: "orderId: too long", field: "orderId" } }),
    );
    renderPanel();
    await screen.findByRole("alert");
    expect(field("Order ID").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getAllByText(/orderId: too long/).length).toBeGreaterThan(0);
  });

  it("renders in pt-BR: labels, columns, outcome words and the date format", async () => {
    act(() => setLocale("pt-BR"));
    renderPanel();
    const t = await screen.findByRole("table", { name: "Trilha de auditoria" });
    const headers = within(t)
      .getAllByRole("columnheader")
      .map((h) => h.textContent);
    expect(headers).toEqual([
      "Hora (local)",
      "Usuário",
      "Ação",
      "Resultado",
      "Ativo",
      "ID da ordem",
      "Motivo",
      "Detalhes",
    ]);
    expect(within(t).getByText("Negado")).toBeTruthy();
    expect(within(t).getAllByText("Sucesso")).toHaveLength(1);
    expect(within(bodyRows(t)[0]!).getAllByRole("cell")[0]!.textContent).toMatch(
      /^03\/12\/2026,? \d\d:\d\d:00$/,
    );
    expect(screen.getByRole("button", { name: "Aplicar" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Exportar CSV" })).toBeTruthy();
    expect(screen.getByLabelText("ID da ordem")).toBeTruthy();
  });
});
