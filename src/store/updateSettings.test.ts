import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadSettings, readSavedSettings } from '../config/settings';
import { useHearthStore } from './store';

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

/** A page load: what localStorage holds now, with this visit's URL parameters. */
function visit(search: string): void {
  useHearthStore.getState().applyLoadedSettings(loadSettings(search, readSavedSettings()));
}

describe('updateSettings', () => {
  beforeEach(() => vi.stubGlobal('localStorage', new MemoryStorage()));
  afterEach(() => vi.unstubAllGlobals());

  it('does not carry ?kiosk=1 over to the next visit without parameters', () => {
    visit('?kiosk=1');
    expect(useHearthStore.getState().settings.kiosk).toBe(true);
    useHearthStore.getState().updateSettings({ ...useHearthStore.getState().settings, chime: false });
    expect(useHearthStore.getState().settings.kiosk).toBe(true);

    visit('');
    expect(useHearthStore.getState().settings).toMatchObject({ kiosk: false, chime: false });
  });

  it('keeps the URL broker for this visit only, and the saved one after it', () => {
    localStorage.setItem('hearth.settings.v1', JSON.stringify({ brokerUrl: 'ws://home:9001' }));
    visit('?broker=ws://elsewhere:8080/mqtt&readonly=1');
    useHearthStore.getState().updateSettings({ notify: true });
    expect(useHearthStore.getState().settings.brokerUrl).toBe('ws://elsewhere:8080/mqtt');

    visit('');
    expect(useHearthStore.getState().settings).toMatchObject({
      brokerUrl: 'ws://home:9001',
      readonly: false,
      notify: true,
    });
  });

  it('saves a provisioned file whole, kiosk included, so the next start needs no parameter', () => {
    visit('?config=https://example.com/tablet.json&kiosk=1');
    useHearthStore
      .getState()
      .updateSettings(
        { ...useHearthStore.getState().savedSettings, kiosk: true, topics: ['hall/#'] },
        'file',
      );

    visit('');
    expect(useHearthStore.getState().settings).toMatchObject({ kiosk: true, topics: ['hall/#'] });
  });

  it('still applies the change when the browser refuses to store it', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    });
    visit('');
    expect(useHearthStore.getState().updateSettings({ chime: false })).toBe(false);
    expect(useHearthStore.getState().settings.chime).toBe(false);
  });
});
