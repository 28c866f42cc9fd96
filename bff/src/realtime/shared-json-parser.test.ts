import { createRequire } from "node:module";
import { describe, expect, it, vi } from "vitest";
import { sharedJsonParser } from "./shared-json-parser.ts";

const socketIoParser = createRequire(import.meta.resolve("socket.io"))("socket.io-parser") as {
  Encoder: new () => { encode(p: object): unknown[] };
  Decoder: new () => {
    add(chunk: string): void;
    on(e: "decoded", l: (p: { data: unknown }) => void): void;
  };
};

const EVENT = 2;
const quote = (asset: string, last: number) => ({ asset, last, bid: last - 0.01, dataState: undefined });

describe("sharedJsonParser", () => {
  const shared = new (sharedJsonParser(["quotes:updated"]).Encoder)();
  const plain = new socketIoParser.Encoder();

  it("writes exactly socket.io's bytes for a shared event, and the default decoder reads them back", () => {
    const packet = () => ({
      type: EVENT,
      nsp: "/",
      data: ["quotes:updated", [quote("A:B", 1), quote("B:B", 2)]],
    });
    const out = shared.encode(packet());
    expect(out).toEqual(plain.encode(packet()));
    const decoder = new socketIoParser.Decoder();
    const got = vi.fn();
    decoder.on("decoded", got);
    decoder.add(out[0] as string);
    expect(got.mock.calls[0]![0].data).toEqual([
      "quotes:updated",
      [
        { asset: "A:B", last: 1, bid: 0.99 },
        { asset: "B:B", last: 2, bid: 1.99 },
      ],
    ]);
  });

  it("serialises one value once however many clients it goes to", () => {
    const q = quote("A:B", 1);
    const stringify = vi.spyOn(JSON, "stringify");
    try {
      for (let i = 0; i < 5; i++) shared.encode({ type: EVENT, nsp: "/", data: ["quotes:updated", [q]] });
      expect(stringify.mock.calls.filter(([v]) => v === q)).toHaveLength(1);
    } finally {
      stringify.mockRestore();
    }
  });

  it("leaves every other packet to socket.io's encoder: other events, acks, namespaces, binary", () => {
    const packets = [
      { type: EVENT, nsp: "/", data: ["feed:status", { link: "live" }] },
      { type: EVENT, nsp: "/", id: 7, data: ["quotes:updated", [quote("A:B", 1)]] },
      { type: EVENT, nsp: "/ops", data: ["quotes:updated", [quote("A:B", 1)]] },
      { type: EVENT, nsp: "/", data: ["quotes:updated", quote("A:B", 1)] },
      { type: 3, nsp: "/", id: 1, data: [{ ok: true }] },
      { type: EVENT, nsp: "/", data: ["blob", Buffer.from([1, 2])] },
    ];
    for (const p of packets)
      expect(shared.encode(structuredClone(p))).toEqual(plain.encode(structuredClone(p)));
  });
});
