import { z } from "zod";
import { riskCheckRecordSchema } from "@pregao/contracts";

/** BFF-local request/response shapes not (yet) in contracts. */
export const riskAuditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export const riskAuditResponseSchema = z.object({ records: z.array(riskCheckRecordSchema) });
export const orderIdParamSchema = z.object({ id: z.string().min(1).max(64) });
