import { createRequire } from "node:module";

/** The parts of socket.io-parser this module uses (the package ships its own types, but is not a direct dependency). */
interface Packet {
  type: number;
  nsp: string;
  id?: number;
  data?: unknown;
}
interface EncoderLike {
  encode(packet: Packet): unknown[];
}
interface ParserModule {
  Encoder: new () => EncoderLike;
  Decoder: new () => unknown;
  PacketType: { EVENT: number };
  protocol: number;
}

// The parser socket.io itself loads (resolved from socket.io's own directory), so the wire format is the server's.
const parser = createRequire(import.meta.resolve("socket.io"))("socket.io-parser") as ParserModule;

/**
 * socket.io's parser with one change: for the listed events whose argument is an array (`quotes:updated`,
 * `book:updated`), each element is serialised once and the text reused for every client that gets the same object in
 * the same tick. The hub fans one immutable value (a Quote, a BookView) out to every subscriber, so N clients holding
 * an asset cost one `JSON.stringify` of it, not N. The bytes on the wire are exactly socket.io's
 * (`42["quotes:updated",[…]]`); browsers decode with the default parser. The cache is a WeakMap keyed by the value
 * object: it never holds a value alive, and values are never mutated after they are emitted (MarketState builds a new
 * one per change).
 */
export function sharedJsonParser(events: readonly string[]): ParserModule {
  const shared = new Set(events);
  const text = new WeakMap<object, string>();
  const json = (v: unknown): string => {
    if (typeof v !== "object" || v === null) return JSON.stringify(v);
    let s = text.get(v);
    if (s === undefined) text.set(v, (s = JSON.stringify(v)));
    return s;
  };
  class SharedJsonEncoder extends parser.Encoder {
    override encode(packet: Packet): unknown[] {
      const data = packet.data;
      if (
        packet.type !== parser.PacketType.EVENT ||
        packet.id !== undefined ||
        (packet.nsp && packet.nsp !== "/") ||
        !Array.isArray(data) ||
        data.length !== 2 ||
        !shared.has(data[0] as string) ||
        !Array.isArray(data[1])
      )
        return super.encode(packet);
      const items = (data[1] as unknown[]).map(json);
      return [`${parser.PacketType.EVENT}[${JSON.stringify(data[0])},[${items.join(",")}]]`];
    }
  }
  return { ...parser, Encoder: SharedJsonEncoder };
}
