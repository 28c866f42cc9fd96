export * from "./instruments.ts";
export * from "./session.ts";
