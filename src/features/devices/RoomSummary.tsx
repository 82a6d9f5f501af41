import { shallow } from 'zustand/shallow';
import type { Device } from '../../core/device';
import { displayScale } from '../../core/display';
import { summarizeRoom } from '../../core/roomSections';
import { useLiveStore } from '../../store/live';
import { selectUnits } from '../../store/selectors';
import { useHearthStore } from '../../store/store';

/**
 * One line under a room's name: its mean temperature in the user's units, then how many of its
 * devices are offline (red) or stale; the device count when there is nothing else to say.
 */
export function RoomSummary({ deviceIds }: { deviceIds: readonly string[] }) {
  const devices = useLiveStore(
    deviceIds.join('\n'),
    (s) => deviceIds.flatMap((id) => s.fleet.devices.get(id) ?? ([] as Device[])),
    shallow,
  );
  const units = useHearthStore(selectUnits);
  const summary = summarizeRoom(devices);
  const parts: Array<{ text: string; tone: string }> = [];
  if (summary.temperature !== null) {
    const scale = displayScale('temperature', '°C', units);
    parts.push({ text: `${scale.format(summary.temperature)} ${scale.unit}`, tone: '' });
  }
  if (summary.offline > 0)
    parts.push({ text: `${summary.offline} offline`, tone: 'font-semibold text-red-700 dark:text-red-400' });
  if (summary.stale > 0)
    parts.push({ text: `${summary.stale} stale`, tone: 'font-semibold text-amber-700 dark:text-amber-400' });
  if (parts.length === 0)
    parts.push({ text: `${summary.total} ${summary.total === 1 ? 'device' : 'devices'}`, tone: '' });
  return (
    <p data-room-summary className="truncate text-sm text-slate-600 tabular-nums dark:text-slate-300">
      {parts.map((part, i) => (
        <span key={part.text} className={part.tone}>
          {i > 0 && ' · '}
          {part.text}
        </span>
      ))}
    </p>
  );
}
