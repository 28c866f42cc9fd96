/**
 * main.tsx's first import: switches zod to jitless mode before contracts build any schema, so the strict CSP
 * (no `unsafe-eval`) sees no `new Function` probe. See contracts/src/zod-csp.ts.
 */
import { configureZodForStrictCsp } from "@pregao/contracts/zod-csp";

configureZodForStrictCsp();
