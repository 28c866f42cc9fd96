export * from "./errors.ts";
export * from "./feed/index.ts";
export * from "./socket/index.ts";
export * from "./http/index.ts";
export * from "./services/index.ts";
