import type { Alert } from '../core/alerts';
import { clipText } from '../core/clip';
import { deviceLabel, splitDeviceKey } from '../core/device';
import { useHearthStore } from '../store/store';

/** A device that alerts again this soon after its last signal is flapping: no second chime. */
const FLAP_QUIET_MS = 60_000;

const WORDS: Record<Alert['kind'], string> = {
  offline: 'went offline',
  stale: 'has gone silent',
  threshold: 'crossed a limit',
  battery: 'has a low battery',
};

/**
 * Makes new alerts noticed: a short chime (Web Audio, muted by the chime setting) and a
 * system notification where permission was given. Alerts restored from the last visit and
 * alerts of a device that just signalled stay quiet.
 */
export function startAlertSignals(): () => void {
  const known = new Set(useHearthStore.getState().alerts.active.map((a) => a.id));
  const lastSignal = new Map<string, number>();
  let audio: AudioContext | null = null;

  // Browsers start audio only after a user gesture; the first tap on the tablet unlocks it.
  const unlock = () => {
    audio ??= createAudio();
    void audio?.resume();
  };
  window.addEventListener('pointerdown', unlock);
  window.addEventListener('keydown', unlock);

  const unsubscribe = useHearthStore.subscribe((state, previous) => {
    if (state.alerts.active === previous.alerts.active) return;
    const now = Date.now();
    const fresh: Alert[] = [];
    for (const alert of state.alerts.active) {
      if (known.has(alert.id)) continue;
      known.add(alert.id);
      const last = lastSignal.get(alert.device);
      lastSignal.set(alert.device, now);
      if (last !== undefined && now - last < FLAP_QUIET_MS) continue;
      fresh.push(alert);
    }
    if (fresh.length === 0) return;
    if (state.settings.chime) {
      audio ??= createAudio();
      if (audio !== null) playChime(audio);
    }
    if (state.settings.notify) {
      for (const alert of fresh) {
        const device = state.fleet.devices.get(alert.device);
        void notify(
          alert,
          device === undefined ? splitDeviceKey(alert.device).nativeId : deviceLabel(device),
        );
      }
    }
  });

  return () => {
    unsubscribe();
    window.removeEventListener('pointerdown', unlock);
    window.removeEventListener('keydown', unlock);
    void audio?.close();
  };
}

function createAudio(): AudioContext | null {
  try {
    return new AudioContext();
  } catch {
    return null;
  }
}

/** Two soft falling tones, about half a second: noticeable across a room, not alarming. */
function playChime(audio: AudioContext): void {
  if (audio.state !== 'running') return;
  const start = audio.currentTime + 0.02;
  [880, 660].forEach((frequency, i) => {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    const t = start + i * 0.18;
    gain.gain.setValueAtTime(0, t);
    gain.gain.linearRampToValueAtTime(0.2, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.001, t + 0.35);
    osc.connect(gain).connect(audio.destination);
    osc.start(t);
    osc.stop(t + 0.4);
  });
}

async function notify(alert: Alert, deviceName: string): Promise<void> {
  if (!('Notification' in window) || Notification.permission !== 'granted') return;
  // A system notification has no room for a 60,000-character name: the words must show.
  const title = `${clipText(deviceName)} ${WORDS[alert.kind]}`;
  const options: NotificationOptions = {
    body: alert.words === undefined ? 'Hearth' : `${alert.words} · Hearth`,
    tag: `hearth-${alert.device}`,
    icon: '/icon-192.png',
  };
  try {
    // Installed on Android, only the service worker may show notifications.
    const registration = await navigator.serviceWorker?.getRegistration();
    if (registration !== undefined) await registration.showNotification(title, options);
    else new Notification(title, options);
  } catch {
    // Notifications are a convenience; the alert is on screen either way.
  }
}
