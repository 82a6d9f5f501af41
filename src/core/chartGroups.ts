import type { SeriesPick } from './chartSeries';
import { type ConventionId, type Device, deviceLabel, type Fleet, type Metric } from './device';
import { isQuantityId, QUANTITIES, type QuantityId, quantityOf, TREND_ORDER } from './quantity';

/** One chart: every device's reading of one quantity (or of one unknown name and unit). */
export interface ChartGroup {
  /**
   * `data-chart`: the quantity id (`temperature`, `switch`); `<id>_diagnostic` for diagnostic
   * readings of a quantity of the house (a battery's voltage); for readings of no known quantity
   * their native name, with the unit in brackets when the name alone would be ambiguous.
   */
  key: string;
  /** For people, without the unit: "Temperature", "Device voltage" (diagnostic), "co2_raw". */
  title: string;
  quantity: QuantityId | null;
  /** The unit its values are held in: the quantity's canonical one, or the unit as sent. */
  unit: string;
  /** Every reading in it is about devices rather than the house: shown folded away. */
  diagnostic: boolean;
  /** Its lines, in fleet order, each with the legend's name for it. */
  picks: Array<SeriesPick & { label: string }>;
}

/** What the people of the house chose: the names their devices go by, and the readings they hid. */
export interface ChartNaming {
  /** A device's name in the legend (an alias); absent: `deviceLabel`. */
  nameOf?: (device: Device) => string;
  /** Whether a device's reading (native metric name) is charted; absent: every reading. */
  readingShown?: (deviceId: string, metric: string) => boolean;
}

/** Chart order: the trend order, then the other measurements, then states (QUANTITIES ends with them). */
const RANK: ReadonlyMap<string, number> = new Map(
  [...TREND_ORDER, ...QUANTITIES.map((q) => q.id).filter((id) => !TREND_ORDER.includes(id))].map((id, i) => [
    id,
    i,
  ]),
);

interface Member {
  device: string;
  convention: ConventionId;
  deviceName: string;
  metric: Metric;
  /** Heard live in this session, not only from the broker's retained store. */
  live: boolean;
}

interface Gathering {
  /** The key for a known quantity; the name and unit for one of no known quantity. */
  identity: string;
  quantity: QuantityId | null;
  unit: string;
  name: string;
  variant: 'house' | 'diagnostic' | 'unknown';
  members: Member[];
}

/**
 * The charts the devices (`deviceIds`, fleet keys, in order) call for: one per quantity present,
 * whatever convention sent each reading, in a stable order (TREND_ORDER, other measurements,
 * then states), and one per native name and unit for readings of no known quantity. A diagnostic
 * reading of a quantity of the house (a battery's voltage beside a plug's mains voltage) gets a
 * chart of its own, so it neither squashes the mains line nor hides among the house's charts.
 * Lines come live devices first (see `liveFirst`). The legend names each line by its device; a
 * device with two readings in one chart (two DS18B20 probes) adds each reading's source, and two
 * devices of one name (a generic and a Tasmota `kitchen`) add their conventions.
 */
export function chartGroups(
  fleet: Fleet,
  deviceIds: readonly string[],
  naming: ChartNaming = {},
): ChartGroup[] {
  const nameOf = naming.nameOf ?? deviceLabel;
  const gatherings = new Map<string, Gathering>();
  for (const id of deviceIds) {
    const device = fleet.devices.get(id);
    if (device === undefined) continue;
    for (const metric of device.metrics.values()) {
      if (naming.readingShown !== undefined && !naming.readingShown(id, metric.name)) continue;
      const quantity = metric.quantity === null ? undefined : quantityOf(metric.quantity);
      const variant =
        quantity === undefined
          ? 'unknown'
          : metric.diagnostic && !quantity.diagnostic
            ? 'diagnostic'
            : 'house';
      const identity =
        quantity === undefined
          ? `\u0000${metric.name}\u0000${metric.unit}`
          : variant === 'diagnostic'
            ? `${quantity.id}_diagnostic`
            : quantity.id;
      let gathering = gatherings.get(identity);
      if (gathering === undefined) {
        gathering = {
          identity,
          quantity: quantity?.id ?? null,
          unit: metric.unit,
          name: quantity === undefined ? metric.name : quantity.name,
          variant,
          members: [],
        };
        gatherings.set(identity, gathering);
      }
      gathering.members.push({
        device: id,
        convention: device.convention,
        deviceName: nameOf(device),
        metric,
        live: device.liveSeen,
      });
    }
  }
  const unknownNames = new Map<string, number>();
  for (const g of gatherings.values()) {
    if (g.variant === 'unknown') unknownNames.set(g.name, (unknownNames.get(g.name) ?? 0) + 1);
  }
  const groups = [...gatherings.values()].map((g): ChartGroup & { rank: number } => {
    const ambiguous = isQuantityId(g.name) || (unknownNames.get(g.name) ?? 0) > 1;
    const key =
      g.variant !== 'unknown'
        ? g.identity
        : ambiguous
          ? `${g.name} (${g.unit === '' ? 'no unit' : g.unit})`
          : g.name;
    const rank =
      g.quantity === null
        ? RANK.size
        : (RANK.get(g.quantity) ?? RANK.size) + (g.variant === 'diagnostic' ? 0.5 : 0);
    return {
      key,
      title: g.variant === 'diagnostic' ? `Device ${lowerFirst(g.name)}` : g.name,
      quantity: g.quantity,
      unit: g.unit,
      diagnostic: g.members.every((m) => m.metric.diagnostic),
      picks: legendNames(liveFirst(g.members)),
      rank,
    };
  });
  groups.sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return groups.map(({ rank: _rank, ...group }) => group);
}

/**
 * Devices heard live first, then those known only from retained messages, each in fleet order:
 * a chart draws at most so many lines, and the devices talking now are the ones to draw. A
 * device moves only when it first speaks live, so colours stay put.
 */
function liveFirst(members: readonly Member[]): Member[] {
  return [...members.filter((m) => m.live), ...members.filter((m) => !m.live)];
}

/** Each member's legend name: its device, then its source where the device has two, then its convention where names clash. */
function legendNames(members: readonly Member[]): Array<SeriesPick & { label: string }> {
  const perDevice = new Map<string, number>();
  for (const m of members) perDevice.set(m.device, (perDevice.get(m.device) ?? 0) + 1);
  const named = members.map((m) => {
    const several = (perDevice.get(m.device) ?? 0) > 1;
    const source = firstWord(m.metric.source, m.metric.label) ?? m.metric.name;
    return { member: m, label: several ? `${m.deviceName} · ${source}` : m.deviceName };
  });
  const conventionsPerLabel = new Map<string, Set<string>>();
  for (const { member, label } of named) {
    const set = conventionsPerLabel.get(label) ?? new Set<string>();
    set.add(member.convention);
    conventionsPerLabel.set(label, set);
  }
  return named.map(({ member, label }) => ({
    device: member.device,
    metric: member.metric.name,
    label: (conventionsPerLabel.get(label)?.size ?? 0) > 1 ? `${label} (${member.convention})` : label,
  }));
}

function firstWord(...words: Array<string | undefined>): string | undefined {
  return words.find((w) => w !== undefined && w !== '');
}

/** "Voltage" → "voltage"; names of capitals ("VOC", "PM2.5", "CO₂") stay as they are. */
function lowerFirst(name: string): string {
  const second = name.charAt(1);
  return second !== '' && second === second.toUpperCase() && second !== second.toLowerCase()
    ? name
    : name.charAt(0).toLowerCase() + name.slice(1);
}
