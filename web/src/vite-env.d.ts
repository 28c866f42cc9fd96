/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Sentry DSN; Sentry is neither loaded nor initialised without it. */
  readonly VITE_SENTRY_DSN?: string;
  /** Git SHA of the build, used as the Sentry release. */
  readonly VITE_GIT_SHA?: string;
  /** Order notional (BRL) above which the ticket asks for confirmation; default 50000. */
  readonly VITE_CONFIRM_NOTIONAL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
