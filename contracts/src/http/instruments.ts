import { z } from "zod";
import { assetInfoSchema, assetKeySchema } from "../feed/index.ts";

/** Bounds of `GET /api/v1/instruments`: every answer is at most one page (~30 KB at the maximum limit). */
export const INSTRUMENTS_LIMIT_DEFAULT = 20;
export const INSTRUMENTS_LIMIT_MAX = 100;
export const INSTRUMENTS_QUERY_MAX = 64;
/** Most assets one `?assets=` lookup may name (a watchlist, the positions of an account). */
export const INSTRUMENTS_LOOKUP_MAX = 100;

/**
 * `GET /api/v1/instruments` query. Either a search — `q` (ticker prefix first, then ticker contains, then name or
 * description contains; empty = every instrument in ticker order), paged with `limit` and the opaque `cursor` of the
 * previous page — or a lookup of named `assets` (comma separated), which takes no other parameter.
 */
export const instrumentsQuerySchema = z
  .object({
    q: z.string().trim().max(INSTRUMENTS_QUERY_MAX).optional(),
    limit: z.coerce.number().int().min(1).max(INSTRUMENTS_LIMIT_MAX).default(INSTRUMENTS_LIMIT_DEFAULT),
    cursor: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/, "cursor must be the nextCursor of a previous page")
      .optional(),
    assets: z
      .string()
      .max(INSTRUMENTS_LOOKUP_MAX * 16)
      .transform((s) => s.split(",").filter((a) => a !== ""))
      .pipe(z.array(assetKeySchema).min(1).max(INSTRUMENTS_LOOKUP_MAX))
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.assets && (v.q !== undefined || v.cursor !== undefined))
      ctx.addIssue({
        code: "custom",
        path: ["assets"],
        message: "assets cannot be combined with q or cursor",
      });
  });
export type InstrumentsQuery = z.infer<typeof instrumentsQuerySchema>;

/** One page of instruments; `nextCursor` is null on the last page (and for a lookup). */
export const instrumentsResponseSchema = z.object({
  instruments: z.array(assetInfoSchema),
  nextCursor: z.string().nullable(),
});
export type InstrumentsResponse = z.infer<typeof instrumentsResponseSchema>;

/** `GET /api/v1/instruments/:asset` params. */
export const instrumentParamSchema = z.object({ asset: assetKeySchema });

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
