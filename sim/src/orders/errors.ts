/** Error codes of the order manager's envelope (contracts/services/order-stream.ts). */
export type ServiceErrorCode =
  | "VALIDATION_FAILED"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "RISK_REJECTED"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "UNAVAILABLE"
  | "INTERNAL";

/** A request the order manager or risk service refuses; rendered as `{ success: false, error, code, field? }`. */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: ServiceErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

export const validationError = (field: string, message: string) =>
  new ServiceError(400, "VALIDATION_FAILED", message, field);
