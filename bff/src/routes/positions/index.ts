import { positionsResponseSchema } from "@pregao/contracts";
import type { ServiceCaller } from "../../services/index.ts";
import { subjectOf } from "../../services/subject.ts";
import { routeApp } from "../route-app.ts";
import { positionsDefs } from "./defs.ts";

/** `GET /api/v1/positions`: the user's positions (risk: every account — the service reads the token's roles). */
export const positionsRoute = (deps: { services: { risk: ServiceCaller } }) =>
  routeApp().openapi(positionsDefs.list, async (c) => {
    const { user } = c.get("session")!;
    const res = await deps.services.risk.call({
      method: "GET",
      path: "/api/risk/positions",
      subject: subjectOf(user),
      idempotent: true,
      data: positionsResponseSchema,
      requestId: c.get("requestId"),
    });
    c.header("Cache-Control", "no-store");
    return c.json(res.data, 200);
  });
