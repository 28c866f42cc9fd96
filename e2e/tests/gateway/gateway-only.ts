/** The specs of this folder run through the gateway only: `pnpm test:e2e:gateway` (deploy/gateway/e2e.config.ts). */
export const throughGateway = process.env.PREGAO_E2E_GATEWAY === "1";
export const GATEWAY_ONLY = "through the gateway only: pnpm test:e2e:gateway";
