import { z } from "zod";
import { assetInfoSchema } from "../feed/index.ts";

/** `GET /api/v1/instruments` */
export const instrumentsResponseSchema = z.object({ instruments: z.array(assetInfoSchema) });
export type InstrumentsResponse = z.infer<typeof instrumentsResponseSchema>;

/** `GET /health/live` and `/health/ready` (application/health+json). */
export const healthStatusSchema = z.enum(["pass", "warn", "fail"]);
export const healthResponseSchema = z.object({
  status: healthStatusSchema,
  description: z.string().optional(),
  checks: z
    .record(
      z.string(),
      z.array(
        z.object({
          status: healthStatusSchema,
          componentType: z.string().optional(),
          observedValue: z.unknown().optional(),
          observedUnit: z.string().optional(),
          output: z.string().optional(),
          time: z.string().optional(),
        }),
      ),
    )
    .optional(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;
