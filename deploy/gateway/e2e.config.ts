/**
 * The E2E suites through the gateway (nginx + ModSecurity + OWASP CRS in blocking mode) in front of each worker's BFF:
 * `pnpm exec playwright test -c deploy/gateway/e2e.config.ts [specs]` after the e2e build (docs/deployment.md).
 * Every worker's gateway uses one self-signed certificate, made here: the browser ignores it (ignoreHTTPSErrors) and
 * the fixtures' Node-side API requests trust it through NODE_EXTRA_CA_CERTS (read when each worker starts).
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import base from "../../playwright.config.ts";
import { ensureSelfSignedCertificate } from "./tls.ts";

const tlsDir = fileURLToPath(new URL("../.local/e2e-tls", import.meta.url));
const tls = ensureSelfSignedCertificate(tlsDir);
process.env.PREGAO_E2E_GATEWAY = "1";
process.env.PREGAO_E2E_GATEWAY_TLS_DIR = tlsDir;
process.env.NODE_EXTRA_CA_CERTS = tls.cert;

export default defineConfig({
  ...base,
  testDir: "../../e2e/tests",
  use: { ...base.use, ignoreHTTPSErrors: true },
});
