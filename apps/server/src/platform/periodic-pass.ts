/**
 * A background pass run over and over: the first `firstDelayMs` after start, then `intervalMs` after each one ends
 * (passes never overlap), and on demand (a call during a pass shares it). stop() cancels the timer and waits for a
 * pass under way, so the stores it uses can close after it. A failed pass goes to `onError` and the next one runs as
 * scheduled. The timer never keeps the process alive.
 * @example const pass = new PeriodicPass(() => sweep(), 60_000, (err) => logger.warn({ err }, 'sweep failed')); pass.start();
 */
export class PeriodicPass<T> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<T> | null = null;
  private stopping = false;

  constructor(
    private readonly pass: () => Promise<T>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
    private readonly firstDelayMs = intervalMs,
  ) {}

  start(): void {
    this.schedule(this.firstDelayMs);
  }

  /** Runs a pass now, or joins the one under way. */
  runOnce(): Promise<T> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** True once stop() was called: a long pass checks it between steps to end early. */
  get stopped(): boolean {
    return this.stopping;
  }

  /** Cancels the timer and waits for the pass under way, if any (its failure is not rethrown). */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.runOnce()
        .catch(this.onError)
        .finally(() => this.schedule(this.intervalMs));
    }, delayMs);
    this.timer.unref();
  }
}
