import { afterEach, describe, expect, it } from "vitest";
import { setLocale } from "./i18n.ts";
import { socketErrorText } from "./socket-error-text.ts";

afterEach(() => setLocale("en"));

describe("socketErrorText", () => {
  it("says why the server closed the socket, for each reason it sends", () => {
    setLocale("en");
    expect(socketErrorText({ reason: "loggedOut" })).toBe("Logged out");
    expect(socketErrorText({ reason: "sessionEnded" })).toBe("Session ended");
    expect(socketErrorText({ reason: "originRejected" })).toBe("Origin rejected by the server");
    expect(socketErrorText({ reason: "tooManySockets" })).toMatch(/^Too many open connections/);
  });

  it("gives the wait of a rate limit when the server sent one, formatted for the language", () => {
    setLocale("en");
    expect(socketErrorText({ reason: "rateLimited" })).toBe(
      "Too many connection attempts from this address (retrying)",
    );
    expect(socketErrorText({ reason: "rateLimited", retryAfter: 1500 })).toBe(
      "Too many connection attempts from this address (retrying; allowed again in 1,500 s)",
    );
    setLocale("pt-BR");
    expect(socketErrorText({ reason: "rateLimited", retryAfter: 1500 })).toBe(
      "Tentativas de conexão demais deste endereço (tentando de novo; liberado em 1.500 s)",
    );
    expect(socketErrorText({ reason: "loggedOut" })).toBe("Sessão encerrada pelo usuário");
  });

  it("passes socket.io's own transport message through untranslated", () => {
    setLocale("pt-BR");
    expect(socketErrorText({ reason: "transport", message: "xhr poll error" })).toBe("xhr poll error");
  });
});
