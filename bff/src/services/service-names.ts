import type { z } from "zod";
import type { serviceErrorCodeSchema } from "@pregao/contracts";

/** The backend services the BFF calls; each has its own breaker. */
export type ServiceName = "order-manager" | "risk";
export type ServiceErrorCode = z.infer<typeof serviceErrorCodeSchema>;

/** How error messages and logs name a service. */
export const serviceLabel: Record<ServiceName, string> = {
  "order-manager": "order manager",
  risk: "risk service",
};
