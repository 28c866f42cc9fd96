import { accountsDefs } from "./accounts/defs.ts";
import { auditDefs } from "./audit/defs.ts";
import { authDefs } from "./auth/defs.ts";
import { candlesDefs } from "./candles/defs.ts";
import { clientConfigDefs } from "./client-config/defs.ts";
import { healthDefs } from "./health/defs.ts";
import { instrumentsDefs } from "./instruments/defs.ts";
import { jwksDefs } from "./jwks/defs.ts";
import { oidcDefs } from "./oidc/defs.ts";
import { openapiDefs } from "./openapi/defs.ts";
import { ordersDefs } from "./orders/defs.ts";
import { positionsDefs } from "./positions/defs.ts";
import { riskDefs } from "./risk/defs.ts";
import { runbooksDefs } from "./runbooks/defs.ts";
import { sessionDefs } from "./session/defs.ts";
import { spaDefs } from "./spa/defs.ts";
import { statsDefs } from "./stats/defs.ts";
import { workspaceDefs } from "./workspace/defs.ts";
import type { RouteDef } from "./route-def.ts";

/**
 * EVERY HTTP route of the BFF, once: method, path, access rule, request and response schemas (each resource's
 * `defs.ts`). The route modules mount these with `app.openapi(def, handler)`, security/access-table.ts builds the
 * access table from them, and `/api/v1/openapi.json` describes the mounted ones. A test fails when the app mounts a
 * route that is not here, or this lists one the app does not mount.
 */
export const routeTable: readonly RouteDef[] = [
  healthDefs,
  authDefs,
  oidcDefs,
  sessionDefs,
  accountsDefs,
  instrumentsDefs,
  candlesDefs,
  statsDefs,
  jwksDefs,
  ordersDefs,
  positionsDefs,
  riskDefs,
  workspaceDefs,
  auditDefs,
  openapiDefs,
  clientConfigDefs,
  runbooksDefs,
  spaDefs,
].flatMap((defs): RouteDef[] => Object.values(defs));
