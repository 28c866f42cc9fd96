import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";

/**
 * The one request validator: zod schemas from contracts; a failure is thrown as the ZodError so app.onError turns it
 * into VALIDATION_FAILED naming the field, like every other validation error.
 */
export const validate = <T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) =>
  zValidator(target, schema, (result) => {
    if (!result.success) throw result.error;
  });
