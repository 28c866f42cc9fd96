import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";

/**
 * A route module's app: `app.openapi(def, handler)` validates with the definition's schemas. A failure is thrown as
 * the ZodError, so app.onError turns it into VALIDATION_FAILED naming the field, like every other validation error.
 */
export const routeApp = () =>
  new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw result.error;
    },
  });
