import { describe, expect, it } from 'vitest';
import { NO_REFUSALS, type RefusalHistory, recordRefusal } from './repeatedRefusals.ts';

const T0 = Date.UTC(2025, 0, 10, 20, 0, 0);
const SECOND = 1000;

/** Records a refusal at each of the times (at least one), returning the answer to the last. */
function refuseAt(times: number[], from: RefusalHistory = NO_REFUSALS) {
  const [first = T0, ...rest] = times;
  return rest.reduce((answer, at) => recordRefusal(answer.history, at), recordRefusal(from, first));
}

describe('recordRefusal', () => {
  it('lets one refused publish pass with a warning, not a disconnect', () => {
    expect(recordRefusal(NO_REFUSALS, T0)).toEqual({
      history: { refusedAtMs: [T0] },
      disconnect: false,
      refusalsInWindow: 1,
    });
  });

  it('disconnects at the fifth refusal within a minute', () => {
    const times = [0, 10, 20, 30, 40].map((s) => T0 + s * SECOND);
    expect(refuseAt(times.slice(0, 4)).disconnect).toBe(false);
    expect(refuseAt(times).disconnect).toBe(true);
  });

  it('does not disconnect five refusals spread over more than a minute', () => {
    expect(refuseAt([0, 15, 30, 45, 60].map((s) => T0 + s * SECOND)).disconnect).toBe(false);
  });

  it('no longer counts a refusal exactly a minute old', () => {
    const answer = refuseAt([0, 1, 2, 3, 60].map((s) => T0 + s * SECOND));
    expect(answer.refusalsInWindow).toBe(4);
  });

  it('keeps at most as many refusals as it takes to disconnect', () => {
    const answer = refuseAt(Array.from({ length: 100 }, (_, i) => T0 + i));
    expect(answer.history.refusedAtMs).toHaveLength(5);
  });

  it('drops refusals a clock that stepped back puts in the future', () => {
    const history = { refusedAtMs: [T0 + 10 * SECOND, T0 + 20 * SECOND] };
    expect(recordRefusal(history, T0).refusalsInWindow).toBe(1);
  });

  it('follows limits given by the caller', () => {
    const limits = { limit: 2, windowMs: 10 * SECOND };
    const first = recordRefusal(NO_REFUSALS, T0, limits);
    expect(recordRefusal(first.history, T0 + 5 * SECOND, limits).disconnect).toBe(true);
  });
});
