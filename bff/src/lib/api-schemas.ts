import { z } from "zod";
import { riskCheckRecordSchema } from "@pregao/contracts";

/** BFF-local request/response shapes not (yet) in contracts. */
export const riskAuditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
/** Newest risk-check records (one per order: every check's result), as the risk service returns them. */
export const riskAuditResponseSchema = z.array(riskCheckRecordSchema);
export const orderIdParamSchema = z.object({ id: z.string().min(1).max(64) });
