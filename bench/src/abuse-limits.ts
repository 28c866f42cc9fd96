/**
 * BFF settings that switch off the per-session, per-user and per-IP socket limits (docs/security.md). The capacity
 * bench needs them off because all its load clients share one login; `abuse.ts --no-limits` uses them to stand in for
 * the BFF before the limits existed. Socket caps, subscription budgets and event budgets; 0 = off.
 */
export const socketAbuseLimitsOff: Record<string, string> = Object.fromEntries(
  [
    "SOCKET_MAX_PER_SESSION",
    "SOCKET_MAX_PER_USER",
    "SOCKET_MAX_PER_IP",
    "SOCKET_SESSION_SUBSCRIPTIONS",
    "SOCKET_USER_SUBSCRIPTIONS",
    "RATE_SOCKET_SESSION_EVENTS",
    "RATE_SOCKET_USER_EVENTS",
  ].map((name) => [name, "0"]),
);
