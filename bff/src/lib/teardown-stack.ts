/** Something that releases what it holds; sync or async (cockatiel's IDisposable fits). */
export interface Disposable {
  dispose(): void | Promise<void>;
}

/** One or more teardown steps failed; every step still ran (`failures` names them in the order they ran). */
export class TeardownError extends AggregateError {
  readonly code = "TEARDOWN_FAILED";
  constructor(readonly failures: readonly { step: string; error: unknown }[]) {
    super(
      failures.map((f) => f.error),
      `teardown failed: ${failures.map((f) => f.step).join(", ")}`,
    );
    this.name = "TeardownError";
  }
}

/**
 * The close order of a composition, written down once: steps are registered as their parts are created and run in
 * reverse (newest first), each awaited before the next. A failing step is reported through `onError` and the rest
 * still run; `dispose()` then rejects with a TeardownError naming every failed step. Disposing twice returns the
 * first run's promise. (TC39's DisposableStack has the same order but stops at nothing and reports nothing by name.)
 */
export class TeardownStack implements Disposable {
  private readonly steps: { name: string; run: () => void | Promise<void> }[] = [];
  private disposing: Promise<void> | undefined;

  constructor(private readonly onError: (step: string, error: unknown) => void) {}

  /** Registers `resource.dispose` as step `name` and returns `resource`. */
  use<T extends Disposable>(name: string, resource: T): T {
    this.defer(name, () => resource.dispose());
    return resource;
  }

  /** Registers `teardown` as step `name`. */
  defer(name: string, teardown: () => void | Promise<void>): void {
    if (this.disposing) throw new Error(`teardown step "${name}" registered after dispose()`);
    this.steps.push({ name, run: teardown });
  }

  /** Step names in the order dispose() runs them. */
  get order(): string[] {
    return this.steps.map((s) => s.name).reverse();
  }

  dispose(): Promise<void> {
    return (this.disposing ??= this.runAll());
  }

  private async runAll(): Promise<void> {
    const failures: { step: string; error: unknown }[] = [];
    for (const step of [...this.steps].reverse()) {
      try {
        await step.run();
      } catch (error) {
        failures.push({ step: step.name, error });
        this.onError(step.name, error);
      }
    }
    if (failures.length > 0) throw new TeardownError(failures);
  }
}
