import { useCallback, useSyncExternalStore } from "react";

/** The phone layout's breakpoint (issue 10: one column at ≤ 480 px). */
export const PHONE_QUERY = "(max-width: 480px)";

/** Whether `query` matches now; re-renders when it starts or stops matching (rotation, window resize). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const media = window.matchMedia(query);
      media.addEventListener("change", onChange);
      return () => media.removeEventListener("change", onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}

/** True on a phone-sized viewport: the shell shows PhoneView instead of the workspace. */
export const useIsPhone = (): boolean => useMediaQuery(PHONE_QUERY);
