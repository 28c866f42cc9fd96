export * from "./agents.ts";
export * from "./asset.ts";
export * from "./codes.ts";
export * from "./messages.ts";
export * from "./book.ts";
export * from "./ticks.ts";
