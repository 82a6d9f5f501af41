import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../config/settings';
import { EMPTY_FLEET } from '../core/device';
import { testDevice } from '../core/fixtures/devices';
import { parseRole } from './accountSlice';
import { useHearthStore } from './store';

const store = useHearthStore;
const signedIn = (role: 'owner' | 'control' | 'view') =>
  ({ kind: 'signed-in', name: 'vic', role, via: 'session', label: '' }) as const;

const plug = testDevice({
  id: 'tasmota/plug1',
  nativeId: 'plug1',
  convention: 'tasmota',
  controls: [
    {
      id: 'power',
      label: 'Power',
      stateMetric: 'POWER',
      echoes: true,
      kind: 'switch',
      command: { format: 'plain', topic: 'cmnd/plug1/POWER', on: 'ON', off: 'OFF', retain: false, qos: 0 },
    },
  ],
});

describe('the signed-in person in the store', () => {
  const publisher = vi.fn(() => Promise.resolve(null));

  beforeEach(() => {
    publisher.mockClear();
    store.setState({
      account: { kind: 'standalone' },
      sessionDoubts: 0,
      settings: DEFAULT_SETTINGS,
      notices: [],
      pending: [],
      publisher,
      fleet: { ...EMPTY_FLEET, devices: new Map([[plug.id, plug]]), ids: [plug.id] },
    });
  });

  it('sends no command from a view account, and says why', async () => {
    store.setState({ account: signedIn('view') });
    await store.getState().sendControl(plug.id, 'power', true);
    expect(publisher).not.toHaveBeenCalled();
    expect(store.getState().notices.at(-1)?.text).toBe(
      'This screen is signed in as vic (view): it shows everything but switches and sets nothing. The command was not sent.',
    );
    expect(
      await store.getState().publishMessage({ topic: 'a/b', payload: '1', qos: 0, retain: false }),
    ).toMatch(/signed in as vic \(view\)/);
    expect(publisher).not.toHaveBeenCalled();
  });

  it('sends a control account’s commands', async () => {
    store.setState({ account: signedIn('control') });
    await store.getState().sendControl(plug.id, 'power', true);
    expect(publisher).toHaveBeenCalledWith({
      topic: 'cmnd/plug1/POWER',
      payload: 'ON',
      qos: 0,
      retain: false,
    });
  });

  it('doubts only a signed-in session, and ends it once', () => {
    store.getState().doubtSession();
    expect(store.getState().sessionDoubts).toBe(0);
    store.setState({ account: signedIn('owner') });
    store.getState().doubtSession();
    expect(store.getState().sessionDoubts).toBe(1);
    store.getState().endSession('ended');
    store.getState().endSession('signed-out');
    expect(store.getState().account).toEqual({ kind: 'signed-out', why: 'ended' });
  });

  it('reads an unknown role as view, the least', () => {
    expect([parseRole('owner'), parseRole('control'), parseRole('admin'), parseRole(undefined)]).toEqual([
      'owner',
      'control',
      'view',
      'view',
    ]);
  });
});
