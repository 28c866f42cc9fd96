/** What every step of a run shares: the options, the live processes, progress logging and the tokens. */
import type { BenchOptions } from "./options.ts";
import type { LiveProcs } from "./procs.ts";

export interface BenchContext {
  opts: BenchOptions;
  live: LiveProcs;
  /** Progress on stderr (stdout carries the report). */
  log: (msg: string) => void;
  feedToken: string;
  /** Epoch ms after which no step may end (from --max-minutes): later steps and series are not started. */
  deadline: number;
  simControlToken: string;
}
