import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import type { LoginRequest, SessionResponse } from "@pregao/contracts";
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
        : { message: "Too many attempts — try again later" };
    }
    if (err.status === 401 || err.status === 400) return { message: "Invalid username or password" };
    if (err.code === "NETWORK") return { message: "Cannot reach the server — check your connection" };
  }
  return { message: "Login failed — try again" };
}

/** Username + password → `POST /auth/login`. Errors in one alert; a lockout counts down and blocks submitting. */
export function LoginForm({ onLoggedIn, submit = login }: LoginFormProps) {
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
      ? `Too many attempts — try again in ${lockLeftS} s`
      : null
    : (failure?.message ?? null);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (locked || mutation.isPending) return;
    setFailure(null);
    mutation.mutate({ username: username.trim(), password });
  };

  return (
    <form className="login-form" aria-label="Log in" onSubmit={onSubmit} noValidate>
      <label className="login-field">
        <span>Username</span>
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
        <span>Password</span>
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
        {mutation.isPending ? "Logging in…" : "Log in"}
      </button>
    </form>
  );
}
