import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const made = vi.hoisted(() => ({ collator: 0, clock: 0 }));
vi.mock('../core/naturalOrder', () => ({
  compareNatural: () => {
    made.collator += 1;
    return -1;
  },
}));
vi.mock('../components/format', () => ({
  formatClock: () => {
    made.clock += 1;
    return '00:00:00';
  },
}));

/** The Worker the page starts, as the warm-up sees it. */
class FakeWorker {
  static made: FakeWorker[] = [];
  static refuse = false;
  onmessage: (() => void) | null = null;
  onerror: (() => void) | null = null;
  terminated = false;
  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    if (FakeWorker.refuse) throw new DOMException('refused by the page policy', 'SecurityError');
    FakeWorker.made.push(this);
  }
  terminate() {
    this.terminated = true;
  }
}

beforeEach(() => {
  vi.resetModules();
  vi.useFakeTimers();
  made.collator = 0;
  made.clock = 0;
  FakeWorker.made = [];
  FakeWorker.refuse = false;
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('requestAnimationFrame', (run: () => void) => setTimeout(run, 16));
  vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the locale data warm-up', () => {
  it("makes the page's collator and clock format only once the worker has loaded the data", async () => {
    const { warmIntlOffThread, warmUpIntl } = await import('./intlWarmUp');
    warmIntlOffThread();
    expect(FakeWorker.made).toHaveLength(1);
    expect(FakeWorker.made[0]?.url.pathname).toMatch(/intl\.worker\.ts$/);
    warmUpIntl();
    await vi.advanceTimersByTimeAsync(500);
    expect(made).toEqual({ collator: 0, clock: 0 });

    FakeWorker.made[0]?.onmessage?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(made.collator).toBe(1);
    expect(made.clock).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(made).toEqual({ collator: 1, clock: 1 });
    expect(FakeWorker.made[0]?.terminated).toBe(true);
  });

  it('loads the data on the page, as before, when the browser refuses the worker', async () => {
    FakeWorker.refuse = true;
    const { warmIntlOffThread, warmUpIntl } = await import('./intlWarmUp');
    warmIntlOffThread();
    warmUpIntl();
    await vi.advanceTimersByTimeAsync(20);
    expect(made).toEqual({ collator: 1, clock: 1 });
  });

  it('waits 3 s at most for a worker that never answers', async () => {
    const { warmIntlOffThread, warmUpIntl } = await import('./intlWarmUp');
    warmIntlOffThread();
    warmUpIntl();
    await vi.advanceTimersByTimeAsync(2900);
    expect(made.collator).toBe(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(made).toEqual({ collator: 1, clock: 1 });
    expect(FakeWorker.made[0]?.terminated).toBe(true);
  });

  it('makes nothing once stopped', async () => {
    const { warmIntlOffThread, warmUpIntl } = await import('./intlWarmUp');
    warmIntlOffThread();
    const stop = warmUpIntl();
    FakeWorker.made[0]?.onmessage?.();
    stop();
    await vi.advanceTimersByTimeAsync(100);
    expect(made).toEqual({ collator: 0, clock: 0 });
  });
});
