import type { Metric, MetricDescription } from './device';
import type { Reading } from './interpretation';
import { convert, decimalsOf, type QuantityId, quantityOf, resolveReading } from './quantity';

/** A reading as a device holds it: in the vocabulary, with what the card needs to show it. */
export type HeldReading = Pick<
  Metric,
  | 'quantity'
  | 'value'
  | 'unit'
  | 'sourceUnit'
  | 'precision'
  | 'decimals'
  | 'diagnostic'
  | 'source'
  | 'externalPower'
>;

/**
 * Places a reading in the vocabulary, with what its device announced about it (`info`) and what
 * it held before (`current`): the convention's quantity, else the announcement's, else the name
 * and unit tell it; the value is held in the canonical unit. A metric keeps the quantity it was
 * first given unless the convention names another, so its history stays in one unit.
 */
export function holdReading(
  reading: Reading,
  info: MetricDescription | undefined,
  current: Metric | undefined,
): HeldReading {
  const sourceUnit = reading.unit ?? info?.unit ?? current?.sourceUnit ?? null;
  const hint = reading.quantity !== undefined ? reading.quantity : info?.quantity;
  let quantity: QuantityId | null;
  let value: number;
  let unit: string;
  if (
    current !== undefined &&
    current.sourceUnit === sourceUnit &&
    (hint === undefined || hint === current.quantity)
  ) {
    // The common case, one reading after another of a known metric: no lookups by name.
    quantity = current.quantity;
    unit = current.unit;
    value = reading.value;
    const known = quantity === null ? undefined : quantityOf(quantity);
    if (known !== undefined && known.keepsUnit !== true && sourceUnit !== null && sourceUnit !== known.unit) {
      value = convert(known, reading.value, sourceUnit, known.unit) ?? reading.value;
    }
  } else {
    const resolved = resolveReading({
      name: reading.metric,
      value: reading.value,
      unit: sourceUnit,
      quantity: hint,
    });
    ({ quantity, value, unit } = resolved);
  }
  const known = quantity === null ? undefined : quantityOf(quantity);
  const source = reading.source ?? info?.source ?? current?.source;
  const externalPower = reading.externalPower ?? info?.externalPower;
  return {
    quantity,
    value,
    unit,
    sourceUnit,
    precision: reading.precision ?? info?.precision ?? current?.precision ?? null,
    decimals: Math.max(current?.decimals ?? 0, decimalsOf(reading.value)),
    diagnostic: reading.diagnostic ?? info?.diagnostic ?? current?.diagnostic ?? known?.diagnostic ?? false,
    ...(source !== undefined ? { source } : {}),
    ...(externalPower !== undefined ? { externalPower } : {}),
  };
}

/**
 * The handle of a new metric (`data-metric`): its quantity, else its native name; a second
 * reading of one quantity on the device gets `_2`, a third `_3`. The generic rules' `brightness`
 * keeps its word: it is how the seed and every existing page name it. A diagnostic reading of a
 * house quantity (a relay's own temperature) keeps its native name.
 */
export function newHandle(
  name: string,
  quantity: QuantityId | null,
  others: Iterable<Pick<Metric, 'handle'>>,
  keepWord: boolean,
  diagnostic = false,
): string {
  // A device's own temperature or a battery's voltage is not the room's temperature or the
  // mains voltage: it keeps its native name, so `temperature` stays the room's reading.
  const aside = diagnostic && quantity !== null && quantityOf(quantity)?.diagnostic === false;
  const base =
    quantity === null || aside || (keepWord && name.toLowerCase() === 'brightness') ? name : quantity;
  const taken = new Set<string>();
  for (const metric of others) taken.add(metric.handle);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

/**
 * What a card calls a reading: the convention's label, else the quantity's name (with its source
 * when it has one: "Temperature · DS18B20-2"), else the native name. The generic `brightness`
 * stays "Brightness".
 */
export function metricLabel(
  metric: Pick<Metric, 'name' | 'label' | 'quantity' | 'source' | 'handle'>,
): string {
  if (metric.label !== undefined && metric.label !== '') return metric.label;
  const quantity = metric.quantity === null ? undefined : quantityOf(metric.quantity);
  if (quantity === undefined) return metric.name;
  const word = metric.handle === 'brightness' ? 'Brightness' : quantity.name;
  return metric.source !== undefined && metric.source !== '' ? `${word} · ${metric.source}` : word;
}
