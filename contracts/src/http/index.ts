export * from "./instruments.ts";
export * from "./session.ts";
export * from "./orders.ts";
export * from "./service-token.ts";
export * from "./client-config.ts";
export * from "./candles.ts";
export * from "./workspace.ts";
export * from "./workspace-defaults.ts";
