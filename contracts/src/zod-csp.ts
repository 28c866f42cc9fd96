import { z } from "zod";

/**
 * Turns off zod's JIT. zod 4 probes `new Function("")` and compiles object parsers with it; under a strict CSP
 * (`script-src 'self'`, no `unsafe-eval`) the probe is refused and the browser reports a CSP violation even though zod
 * falls back. Object schemas read the setting when they are created, so call this before any schema module
 * evaluates — this file imports nothing but zod, so a first import of it is early enough.
 */
export function configureZodForStrictCsp(): void {
  z.config({ jitless: true });
}
