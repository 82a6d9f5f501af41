import { clipText } from '../../core/clip';
import { splitDeviceKey } from '../../core/device';
import { deviceDisplayName } from '../../core/roomSections';
import { useHearthStore } from '../../store/store';

/**
 * A device's display name by its key (the name the house gave it, else its announced name, else
 * its native id), clipped: it is network text.
 */
export function useDeviceName(key: string): string {
  return useHearthStore((s) => {
    const device = s.fleet.devices.get(key);
    if (device !== undefined) return clipText(deviceDisplayName(s.layout, device));
    return clipText(s.layout.devices[key]?.alias ?? splitDeviceKey(key).nativeId);
  });
}

/** A device's name as text, clipped. */
export function DeviceName({ id }: { id: string }) {
  return <>{useDeviceName(id)}</>;
}

/**
 * The device an alert is about: its name on one line, cut with an ellipsis, a button that opens
 * the device (where a long name reads whole on demand). `title` is its native id, clipped too:
 * a 60,000-character tooltip is still 60,000 characters laid out.
 */
export function AlertDeviceName({ id, className = '' }: { id: string; className?: string }) {
  const name = useDeviceName(id);
  const openDevice = useHearthStore((s) => s.openDevice);
  return (
    <button
      type="button"
      onClick={() => openDevice(id)}
      title={clipText(splitDeviceKey(id).nativeId)}
      className={`block max-w-full truncate text-left hover:underline ${className}`}
    >
      {name}
    </button>
  );
}
