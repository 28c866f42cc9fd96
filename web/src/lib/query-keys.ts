/** Every TanStack Query key of the app, in one place; invalidate through these. */
export const queryKeys = {
  instruments: {
    all: ["instruments"] as const,
  },
} as const;
