import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LoginRequest, SessionResponse } from "@pregao/contracts";
import { ApiError } from "../lib/api-client.ts";
import { LoginForm } from "./login-form.tsx";

const session = { user: { displayName: "Demo Trader" } } as SessionResponse;

function setup(submit: (req: LoginRequest) => Promise<SessionResponse>) {
  const onLoggedIn = vi.fn();
  render(
    <QueryClientProvider client={new QueryClient()}>
      <LoginForm onLoggedIn={onLoggedIn} submit={submit} />
    </QueryClientProvider>,
  );
  const fill = (username: string, password: string) => {
    fireEvent.change(screen.getByLabelText("Username"), { target: { value: username } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: password } });
  };
  const button = () => screen.getByRole<HTMLButtonElement>("button", { name: /Log in/ });
  const submitForm = async () => {
    await act(async () => {
      fireEvent.submit(screen.getByRole("form", { name: "Log in" }));
    });
  };
  return { onLoggedIn, fill, button, submitForm, alert: () => screen.getByRole("alert") };
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});
beforeEach(() => vi.useRealTimers());

describe("LoginForm", () => {
  it("logs in with the trimmed username and hands over the session", async () => {
    const submit = vi.fn().mockResolvedValue(session);
    const f = setup(submit);
    expect(f.button().disabled).toBe(true);
    f.fill(" trader ", "pregao-trader");
    expect(f.button().disabled).toBe(false);
    await f.submitForm();
    expect(submit).toHaveBeenCalledWith({ username: "trader", password: "pregao-trader" });
    expect(f.onLoggedIn).toHaveBeenCalled();
    expect(f.onLoggedIn.mock.calls[0]![0]).toBe(session);
    expect(f.alert().textContent).toBe("");
  });

  it("says the credentials are invalid on 401 and clears the password", async () => {
    const f = setup(() => Promise.reject(new ApiError(401, "UNAUTHENTICATED", "bad credentials")));
    f.fill("trader", "wrong");
    await f.submitForm();
    expect(f.alert().textContent).toBe("Invalid username or password");
    expect(screen.getByLabelText<HTMLInputElement>("Password").value).toBe("");
    expect(f.onLoggedIn).not.toHaveBeenCalled();
  });

  it("counts a lockout down from Retry-After and blocks submitting until it ends", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
    const submit = vi.fn().mockRejectedValue(new ApiError(429, "RATE_LIMITED", "too many", undefined, 30));
    const f = setup(submit);
    f.fill("trader", "x");
    await f.submitForm();
    expect(f.alert().textContent).toBe("Too many attempts — try again in 30 s");
    f.fill("trader", "y");
    expect(f.button().disabled).toBe(true);

    act(() => vi.advanceTimersByTime(10_000));
    expect(f.alert().textContent).toBe("Too many attempts — try again in 20 s");
    await f.submitForm();
    expect(submit).toHaveBeenCalledTimes(1);

    act(() => vi.advanceTimersByTime(21_000));
    expect(f.alert().textContent).toBe("");
    expect(f.button().disabled).toBe(false);
  });

  it("says so when the server cannot be reached", async () => {
    const f = setup(() => Promise.reject(new ApiError(0, "NETWORK", "Cannot reach the server")));
    f.fill("trader", "x");
    await f.submitForm();
    expect(f.alert().textContent).toMatch(/Cannot reach the server/);
  });
});
