import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METRIC_DEFAULTS } from '../core/fixtures/devices';
import type { PersistedDevice } from '../core/snapshot';
import { JOURNAL_MAX_DEVICES, takeJournal, writeJournal } from './unloadJournal';

/** Node has no localStorage; a Map-backed one stands in for the browser's. */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

function device(id: string): PersistedDevice {
  return {
    id,
    nativeId: id,
    convention: 'generic',
    metrics: new Map([
      [
        'temperature',
        {
          ...METRIC_DEFAULTS,
          handle: 'temperature',
          name: 'temperature',
          value: 19.25,
          unit: '°C',
          receivedAt: 1000,
          sampleAt: 1000,
          retained: false,
          times: Float64Array.from([900, 1000]),
          values: Float64Array.from([19, 19.25]),
        },
      ],
    ]),
    availability: true,
    availabilityAt: 800,
    lastSeenAt: 1000,
    liveSeen: true,
    invalidCount: 0,
    oversizeCount: 0,
    lastProblem: null,
    status: 'online',
  };
}

describe('unload journal', () => {
  beforeEach(() => {
    Object.assign(globalThis, { localStorage: new MemoryStorage() });
  });
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'localStorage');
  });

  it('brings devices back with their Maps and typed arrays, once', () => {
    expect(writeJournal([device('hall')], 1234)).toBe(true);
    const journal = takeJournal();
    expect(journal?.savedAt).toBe(1234);
    const metric = journal?.devices[0]?.metrics.get('temperature');
    expect(metric?.value).toBe(19.25);
    expect(metric?.values).toBeInstanceOf(Float64Array);
    expect([...(metric?.times ?? [])]).toEqual([900, 1000]);
    expect(takeJournal()).toBeNull();
  });

  it('leaves a busy fleet to its regular saves', () => {
    const many = Array.from({ length: JOURNAL_MAX_DEVICES + 1 }, (_, i) => device(`d${i}`));
    expect(writeJournal(many, 1)).toBe(false);
    expect(takeJournal()).toBeNull();
  });

  it('ignores a journal it cannot read', () => {
    localStorage.setItem('hearth.unload-journal.v1', '{broken');
    expect(takeJournal()).toBeNull();
  });
});
