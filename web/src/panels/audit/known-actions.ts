/**
 * The actions the BFF audits today (bff/src/security/trading-audit.ts `<action>.success|denied|failure`, the session
 * core's login/logout events, the perimeter's refusals), offered as suggestions in the Action filter. The filter is a
 * prefix match, so a family (`order`, `login`) is as useful as one action. Free text stays allowed: an action added
 * later is searchable before it is listed here.
 */
export const KNOWN_AUDIT_ACTIONS = [
  "login",
  "login.success",
  "login.failure",
  "logout",
  "session.expired",
  "access.denied",
  "csrf.rejected",
  "rate.limited",
  "order",
  "order.submit",
  "order.cancel",
  "order.cancel_all",
  "risk",
  "risk.kill_switch_activate",
  "risk.kill_switch_deactivate",
  "risk.limits_update",
] as const;
