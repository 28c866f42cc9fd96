/** Every TanStack Query key of the app, in one place; invalidate through these. */
export const queryKeys = {
  clientConfig: ["client-config"] as const,
  instruments: {
    all: ["instruments"] as const,
  },
  session: {
    current: ["session"] as const,
    providers: ["session", "providers"] as const,
  },
  accounts: {
    all: ["accounts"] as const,
  },
  orders: {
    all: ["orders"] as const,
  },
  positions: {
    all: ["positions"] as const,
  },
  risk: {
    limits: ["risk", "limits"] as const,
  },
} as const;
