export * from "./instruments.ts";
