import type { ConventionId } from '../core/device';

/** How people know each convention; the generic topic rules read plain MQTT. */
export const CONVENTION_NAMES: Readonly<Record<ConventionId, string>> = {
  generic: 'MQTT',
  homeassistant: 'Home Assistant',
  homie: 'Homie',
  tasmota: 'Tasmota',
  zigbee2mqtt: 'Zigbee2MQTT',
  shelly: 'Shelly',
  homeseer: 'HomeSeer',
  custom: 'Custom',
};

/**
 * A small outlined word naming where a device's messages come from, so a generic `kitchen` and a
 * Tasmota `kitchen` are told apart at a glance. Quiet by design: the status badge is the loud one.
 */
export function ConventionBadge({ convention }: { convention: ConventionId }) {
  return (
    <span
      data-convention-badge={convention}
      className="inline-flex shrink-0 items-center rounded-full border border-slate-300 px-1.5 py-px text-[0.6875rem] leading-4 font-medium whitespace-nowrap text-slate-700 dark:border-slate-600 dark:text-slate-200"
    >
      {CONVENTION_NAMES[convention]}
    </span>
  );
}
