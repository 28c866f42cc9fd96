import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { z } from "zod";
import type { SimControls } from "../feed/controls.ts";
import type { ArmRequest } from "../feed/fault.ts";
import type { FeedServer } from "../feed/server.ts";
import { bearerMatches } from "../lib/auth.ts";
import type { Market } from "../market/market.ts";
import type { OrderManager } from "../orders/order-manager.ts";
import type { ServicesServer } from "../orders/server.ts";
import { tradeThrough } from "./trade-through.ts";
import { controlBodySchemas, type ControlAction, type SimControlState } from "./schemas.ts";

const MAX_BODY = 64 * 1024;

export interface ControlDeps {
  controls: SimControls;
  feed: FeedServer;
  market: Market;
  manager: OrderManager;
  services: ServicesServer;
  token: string;
  log: Logger;
}

/** A control request that cannot be served; rendered as `{ error: { code, message, field? } }`. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ControlError";
  }
}

export function controlState({ controls, feed, services }: ControlDeps): SimControlState {
  const floodRemainingMs = controls.floodRemainingMs();
  return {
    rate: controls.rate(),
    baseRate: controls.baseRate,
    connections: feed.connections.size,
    faults: {
      refuse: controls.refuse.report(),
      blackhole: controls.blackhole.report(),
      delay: { ms: controls.delayMs, arming: controls.delay.report() },
      malformed: controls.malformed.report(),
      skipSeq: controls.skipSeq.report(),
      drop: controls.drop.report(),
      flood: controls.flood && { ...controls.flood, remainingMs: floodRemainingMs },
      connectionStates: controls.connectionStates.map((result, stateType) => ({ stateType, result })),
      servicesEnabled: services.enabled,
    },
    counters: { ...controls.counters },
  };
}

interface ArmingBody {
  enabled?: boolean | undefined;
  for?: number | undefined;
  count?: number | undefined;
}

/** A toggle, duration or count body as the fault's arming (`enabled` exists only on refuse and blackhole). */
function arming(body: ArmingBody): ArmRequest {
  if (body.for !== undefined) return { forMs: body.for };
  if (body.count !== undefined) return { count: body.count };
  return { on: body.enabled ?? true };
}

async function apply(deps: ControlDeps, action: ControlAction, body: unknown): Promise<void> {
  const { controls, feed } = deps;
  const parse = <A extends ControlAction>(a: A) =>
    controlBodySchemas[a].parse(body) as z.output<(typeof controlBodySchemas)[A]>;
  switch (action) {
    case "drop": {
      const b = parse("drop");
      if (b.for !== undefined || b.count !== undefined) controls.drop.arm(arming(b));
      return feed.dropAll();
    }
    case "reset":
      for (const type of controls.reset()) feed.announceState(type);
      return;
    case "refuse":
      return controls.refuse.arm(arming(parse("refuse")));
    case "blackhole":
      return controls.blackhole.arm(arming(parse("blackhole")));
    case "delay": {
      const b = parse("delay");
      controls.delayMs = b.ms;
      return b.ms === 0 ? controls.delay.clear() : controls.delay.arm(arming(b));
    }
    case "malformed":
      return controls.malformed.arm(arming(parse("malformed")));
    case "skip-seq": {
      const b = parse("skip-seq");
      return b.for !== undefined ? controls.skipSeq.arm({ forMs: b.for }) : feed.skipSeq(b.count ?? 1);
    }
    case "flood": {
      const { rate, durationMs, for: forMs } = parse("flood");
      return controls.startFlood(rate, forMs ?? durationMs ?? 0);
    }
    case "rate":
      controls.baseRate = parse("rate").rate;
      return;
    case "connection-state": {
      const { stateType, result } = parse("connection-state");
      controls.connectionStates[stateType] = result;
      return feed.announceState(stateType);
    }
    case "services":
      return deps.services.setEnabled(parse("services").enabled);
    case "trade-through": {
      const { asset, price } = parse("trade-through");
      return tradeThrough(deps.market, feed, asset, price);
    }
    case "risk-reset":
      return deps.manager.resetRisk();
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new ControlError(413, "PAYLOAD_TOO_LARGE", "body over 64 KiB");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ControlError(400, "VALIDATION_FAILED", "body is not valid JSON");
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** Serves `/control/*`: bearer-authenticated fault injection for QA (endpoints in schemas.ts). */
export async function handleControl(
  deps: ControlDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    if (!bearerMatches(req.headers.authorization, deps.token))
      throw new ControlError(401, "UNAUTHENTICATED", "missing or invalid bearer token");
    const name = new URL(req.url ?? "/", "http://localhost").pathname.replace(/^\/control\/?/, "");
    if (name === "state" && req.method === "GET") return send(res, 200, controlState(deps));
    if (!(name in controlBodySchemas))
      throw new ControlError(404, "NOT_FOUND", `no control endpoint ${name}`);
    if (req.method !== "POST") throw new ControlError(405, "NOT_FOUND", `${name} takes POST`);
    const body = await readJson(req);
    await apply(deps, name as ControlAction, body);
    deps.log.info({ action: name, body }, "control applied");
    send(res, 200, controlState(deps));
  } catch (err) {
    if (err instanceof ControlError)
      return send(res, err.status, { error: { code: err.code, message: err.message, field: err.field } });
    if (err instanceof z.ZodError) {
      const issue = err.issues[0];
      const field = issue?.path.join(".") || undefined;
      return send(res, 400, {
        error: { code: "VALIDATION_FAILED", message: issue?.message ?? "invalid body", field },
      });
    }
    deps.log.error({ err }, "control failed");
    send(res, 500, { error: { code: "INTERNAL", message: "internal error" } });
  }
}
