import { deviceLabel } from '../../core/device';
import { metricLabel } from '../../core/heldReading';
import { addRoom, placeDevice, setDeviceAlias, setReadingAlias } from '../../core/layoutEdits';
import { selectSections } from '../../store/selectors';
import { useHearthStore } from '../../store/store';
import type { CardDialog } from './CardMenuList';
import { NameDialog } from './NameDialog';
import { useLayoutChange } from './useLayoutChange';

/** The card menu's dialogs: rename the device, rename one of its readings, or make a room to move it to. */
export function CardNameDialog({
  id,
  dialog,
  onClose,
}: {
  id: string;
  dialog: CardDialog;
  onClose: () => void;
}) {
  const device = useHearthStore((s) => s.fleet.devices.get(id));
  const entry = useHearthStore((s) => s.layout.devices[id]);
  const apply = useLayoutChange();
  if (device === undefined) return null;
  const native = deviceLabel(device);
  const name = entry?.alias ?? native;
  const layout = () => useHearthStore.getState().layout;
  switch (dialog.kind) {
    case 'device':
      return (
        <NameDialog
          title={`Rename ${name}`}
          label="Name shown"
          initial={entry?.alias ?? ''}
          nativeName={native}
          onSave={(alias) => apply(setDeviceAlias(layout(), id, alias), `rename of ${name}`)}
          onClose={onClose}
        />
      );
    case 'reading': {
      const metric = device.metrics.get(dialog.metric);
      const nativeReading = metric === undefined ? dialog.metric : metricLabel(metric);
      const alias = entry?.readings?.[dialog.metric]?.alias;
      return (
        <NameDialog
          title={`Rename ${alias ?? nativeReading} on ${name}`}
          label="Reading shown as"
          initial={alias ?? ''}
          nativeName={nativeReading}
          onSave={(next) =>
            apply(setReadingAlias(layout(), id, dialog.metric, next), `rename of ${alias ?? nativeReading}`)
          }
          onClose={onClose}
        />
      );
    }
    case 'newRoom':
      return (
        <NameDialog
          title={`Move ${name} to a new room`}
          label="Room name"
          initial=""
          onSave={(roomName) => {
            if (roomName === null) return;
            const made = addRoom(layout(), roomName);
            if (!apply(made, `new room ${roomName}`) || !made.ok || made.id === undefined) return;
            const sections = selectSections(useHearthStore.getState());
            apply(placeDevice(layout(), sections, id, made.id, 0), `move of ${name}`);
          }}
          onClose={onClose}
        />
      );
  }
}
