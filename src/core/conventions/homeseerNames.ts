import { type QuantityId, quantityOf, quantityOfName } from '../quantity';

/**
 * What HomeSeer device names mean in the vocabulary. mcsMQTT publishes a device under its name
 * (`Temperature`, `Kitchen_Light_1`, `Front_Door`, `KWH`), which people choose, so the name's
 * last word says what it measures: HomeSeer's own words first, then the vocabulary's aliases.
 */

export interface HomeseerMeaning {
  quantity: QuantityId;
  /** The unit HomeSeer's values of it are in, when that is fixed; null: as the install set it. */
  unit: string | null;
  state: boolean;
}

const WORDS: Readonly<Record<string, { quantity: QuantityId; unit: string | null }>> = {
  // HomeSeer's scale (°C or °F) is the install's choice, not in the topic: held as sent.
  temperature: { quantity: 'temperature', unit: null },
  luminance: { quantity: 'illuminance', unit: 'lx' },
  lux: { quantity: 'illuminance', unit: 'lx' },
  illuminance: { quantity: 'illuminance', unit: 'lx' },
  watts: { quantity: 'power', unit: 'W' },
  watt: { quantity: 'power', unit: 'W' },
  power: { quantity: 'power', unit: 'W' },
  kwh: { quantity: 'energy', unit: 'kWh' },
  energy: { quantity: 'energy', unit: 'kWh' },
  volts: { quantity: 'voltage', unit: 'V' },
  amps: { quantity: 'current', unit: 'A' },
  // A light, lamp or plug in HomeSeer is a load it switches (0/100, or a dimmer's level).
  light: { quantity: 'switch', unit: null },
  lamp: { quantity: 'switch', unit: null },
  plug: { quantity: 'switch', unit: null },
  outlet: { quantity: 'switch', unit: null },
  relay: { quantity: 'switch', unit: null },
  switch: { quantity: 'switch', unit: null },
  door: { quantity: 'contact', unit: null },
  window: { quantity: 'contact', unit: null },
  motion: { quantity: 'motion', unit: null },
  leak: { quantity: 'leak', unit: null },
  smoke: { quantity: 'smoke', unit: null },
};

/** Last words that name the kind of device, not what it measures (`Motion_Sensor`). */
const DEVICE_WORDS: ReadonlySet<string> = new Set(['sensor', 'detector', 'meter', 'status', 'state']);

/** The quantity a HomeSeer device name stands for, by its last words; null when none is known. */
export function homeseerMeaningOf(name: string): HomeseerMeaning | null {
  const words = name
    .toLowerCase()
    .split(/[\s_-]+/)
    .filter((word) => word.length > 0 && !/^\d+$/.test(word));
  while (words.length > 1 && DEVICE_WORDS.has(words.at(-1) ?? '')) words.pop();
  const last = words.at(-1) ?? '';
  const pair = words.length >= 2 ? quantityOfName(words.slice(-2).join('')) : null;
  const own = Object.hasOwn(WORDS, last) ? WORDS[last] : undefined;
  const quantity = pair ?? own?.quantity ?? quantityOfName(last);
  if (quantity === null) return null;
  const unit = pair === null ? (own?.unit ?? null) : null;
  return { quantity, unit, state: quantityOf(quantity)?.kind === 'state' };
}

// A Map, so a payload of "constructor" is just an unknown word.
const STATE_WORDS: ReadonlyMap<string, 1 | 0> = new Map([
  ['open', 1],
  ['opened', 1],
  ['closed', 0],
  ['close', 0],
  ['motion', 1],
  ['motion detected', 1],
  ['no motion', 0],
  ['detected', 1],
  ['clear', 0],
  ['wet', 1],
  ['leak', 1],
  ['dry', 0],
  ['no leak', 0],
  ['smoke', 1],
  ['smoke detected', 1],
  ['alarm', 1],
  ['occupied', 1],
  ['unoccupied', 0],
  ['vacant', 0],
  ['home', 1],
  ['away', 0],
]);

/** A HomeSeer status text of a state device (`Open`, `No Motion`, `Wet`) as 1/0; null otherwise. */
export function readStateWord(text: string): 1 | 0 | null {
  return STATE_WORDS.get(text.trim().toLowerCase()) ?? null;
}
