/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Git SHA of the build (vite.config.ts: `git rev-parse HEAD` unless set), used as the Sentry release. */
  readonly VITE_GIT_SHA?: string;
  /** Order notional (BRL) above which the ticket asks for confirmation; default 50000. */
  readonly VITE_CONFIRM_NOTIONAL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
