import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import type { LoginRequest, SessionResponse } from "@pregao/contracts";
import { t as translate } from "../i18n/i18n.ts";
import { useT } from "../i18n/use-t.ts";
import { ApiError } from "../lib/api-client.ts";
import { login } from "../lib/session.ts";
import { useNow } from "../lib/use-now.ts";

interface LoginFormProps {
  onLoggedIn(session: SessionResponse): void;
  /** Injected in tests; the BFF call otherwise. */
  submit?: (req: LoginRequest) => Promise<SessionResponse>;
}

/** What went wrong, for the alert; `lockedUntil` (local epoch ms) when the BFF rate-limited us. */
interface Failure {
  message: string;
  lockedUntil?: number;
}

function describe(err: unknown, now: number): Failure {
  if (err instanceof ApiError) {
    if (err.status === 429 || err.code === "RATE_LIMITED") {
      return err.retryAfterS
        ? { message: "", lockedUntil: now + err.retryAfterS * 1000 }
        : { message: translate("login.tooManyAttempts") };
    }
    if (err.status === 401 || err.status === 400) return { message: translate("login.invalid") };
    if (err.code === "NETWORK") return { message: translate("login.network") };
  }
  return { message: translate("login.failed") };
}

/** Username + password → `POST /auth/login`. Errors in one alert; a lockout counts down and blocks submitting. */
export function LoginForm({ onLoggedIn, submit = login }: LoginFormProps) {
  const t = useT();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [failure, setFailure] = useState<Failure | null>(null);
  const now = useNow(1000);
  const mutation = useMutation({
    mutationFn: (req: LoginRequest) => submit(req),
    onSuccess: (session) => onLoggedIn(session),
    onError: (err) => {
      setFailure(describe(err, Date.now()));
      setPassword("");
    },
  });

  const lockLeftS = failure?.lockedUntil ? Math.ceil((failure.lockedUntil - now) / 1000) : 0;
  const locked = lockLeftS > 0;
  const message = failure?.lockedUntil
    ? locked
      ? t("login.tooManyAttemptsIn", { seconds: lockLeftS })
      : null
    : (failure?.message ?? null);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (locked || mutation.isPending) return;
    setFailure(null);
    mutation.mutate({ username: username.trim(), password });
  };

  return (
    <form className="login-form" aria-label={t("login.form")} onSubmit={onSubmit} noValidate>
      <label className="login-field">
        <span>{t("login.username")}</span>
        <input
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label className="login-field">
        <span>{t("login.password")}</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <div className="login-error" role="alert">
        {message}
      </div>
      <button
        type="submit"
        className="button button-primary"
        disabled={locked || mutation.isPending || username.trim() === "" || password === ""}
      >
        {mutation.isPending ? t("login.submitting") : t("login.submit")}
      </button>
    </form>
  );
}
