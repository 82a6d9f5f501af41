import { useMemo, useState } from 'react';
import { chartGroups } from '../../core/chartGroups';
import { clipText, OPTION_SHOWN_MAX } from '../../core/clip';
import { splitDeviceKey } from '../../core/device';
import type { View } from '../../core/layout';
import { updateView } from '../../core/layoutEdits';
import { deviceDisplayName } from '../../core/roomSections';
import { useHearthStore } from '../../store/store';
import { Check, FIELD_CLASS } from './fields';
import { SMALL_BUTTON } from './LayoutControls';
import { viewLink } from './layoutOrder';
import { useHouseRooms } from './useHouseRooms';
import type { useLayoutEdit } from './useLayoutEdit';

type Apply = ReturnType<typeof useLayoutEdit>['apply'];
type ViewPatch = Parameters<typeof updateView>[2];

/** What one view shows: read-only, big values, its rooms, its charts, the devices it hides. */
export function ViewEditor({ id, view, apply }: { id: string; view: View; apply: Apply }) {
  const { sections, devices } = useHouseRooms();
  const layout = useHearthStore((s) => s.layout);
  const update = (patch: ViewPatch, label: string) =>
    apply(updateView(useHearthStore.getState().layout, id, patch), `${label} in ${view.name}`);
  const rooms = sections.sections.map((r) => ({ id: r.id, name: r.name }));
  const charts = useSeenCharts(view.charts);
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col">
        <Check
          label="Read-only: no switches, set points, publishing or arranging"
          checked={view.readonly}
          onChange={(v) => update({ readonly: v }, 'read-only')}
        />
        <Check
          label="Big values (kiosk layout, no side panels)"
          checked={view.big}
          onChange={(v) => update({ big: v }, 'big values')}
        />
      </div>
      <ChoiceList
        legend="Rooms shown"
        allLabel="All rooms"
        options={rooms}
        chosen={view.rooms}
        onChange={(chosen) => update({ rooms: chosen }, 'rooms')}
      />
      <ChoiceList
        legend="Charts shown"
        allLabel="All charts"
        options={charts}
        chosen={view.charts}
        onChange={(chosen) => update({ charts: chosen }, 'charts')}
      />
      {view.hiddenDevices.length > 0 && (
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-sm font-medium">Devices hidden in this view</legend>
          <ul className="flex flex-col gap-1">
            {view.hiddenDevices.map((key) => {
              const device = devices.get(key);
              const name = clipText(
                device === undefined ? splitDeviceKey(key).nativeId : deviceDisplayName(layout, device),
                OPTION_SHOWN_MAX,
              );
              return (
                <li key={key} className="flex items-center gap-2 text-sm">
                  <span className="min-w-0 flex-1 truncate" title={clipText(key)}>
                    {name}
                  </span>
                  <button
                    type="button"
                    className={SMALL_BUTTON}
                    aria-label={`Show ${name} in ${view.name}`}
                    onClick={() =>
                      update({ hiddenDevices: view.hiddenDevices.filter((k) => k !== key) }, `show ${name}`)
                    }
                  >
                    Show
                  </button>
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}
    </div>
  );
}

/**
 * The charts a view may list: every quantity this screen's devices read now (as when settings
 * opened), in chart order, then any the view lists that no device reads now.
 */
function useSeenCharts(listed: readonly string[] | null): Array<{ id: string; name: string }> {
  const [seen] = useState(() => {
    const { fleet } = useHearthStore.getState();
    return chartGroups(fleet, fleet.ids)
      .filter((g) => !g.diagnostic)
      .map((g) => ({ id: g.key, name: clipText(g.title, OPTION_SHOWN_MAX) }));
  });
  return useMemo(() => {
    const known = new Set(seen.map((c) => c.id));
    const gone = (listed ?? [])
      .filter((id) => !known.has(id))
      .map((id) => ({ id, name: clipText(id, OPTION_SHOWN_MAX) }));
    return [...seen, ...gone];
  }, [seen, listed]);
}

/**
 * "All" or a chosen few, as checkboxes: `chosen` null means all (and follows what is added
 * later); unticking "All" starts from every option ticked. The chosen keep the options' order.
 */
function ChoiceList({
  legend,
  allLabel,
  options,
  chosen,
  onChange,
}: {
  legend: string;
  allLabel: string;
  options: ReadonlyArray<{ id: string; name: string }>;
  chosen: readonly string[] | null;
  onChange: (chosen: string[] | null) => void;
}) {
  const ticked = new Set(chosen ?? options.map((o) => o.id));
  const toggle = (id: string, on: boolean) => {
    const next = options.map((o) => o.id).filter((o) => (o === id ? on : ticked.has(o)));
    onChange(next);
  };
  return (
    <fieldset className="flex flex-col">
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      <Check
        label={allLabel}
        checked={chosen === null}
        onChange={(all) => onChange(all ? null : options.map((o) => o.id))}
      />
      {chosen !== null && (
        <div className="grid grid-cols-1 pl-6 sm:grid-cols-2">
          {options.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-300">None yet</p>}
          {options.map((o) => (
            <Check key={o.id} label={o.name} checked={ticked.has(o.id)} onChange={(on) => toggle(o.id, on)} />
          ))}
        </div>
      )}
    </fieldset>
  );
}

/** The address that opens a view on another screen, with a Copy button. */
export function ViewLink({ name }: { name: string }) {
  const link = viewLink(window.location, name);
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex items-center gap-2">
      <input
        className={`${FIELD_CLASS} min-w-0 flex-1 text-sm`}
        readOnly
        value={link}
        aria-label={`Link to ${name}`}
        onFocus={(e) => e.currentTarget.select()}
      />
      <button
        type="button"
        className={SMALL_BUTTON}
        aria-label={`Copy the link to ${name}`}
        onClick={() => {
          void navigator.clipboard?.writeText(link).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        {copied ? 'Copied' : 'Copy link'}
      </button>
    </div>
  );
}
