export * from "./order-stream.ts";
