/**
 * The vocabulary of quantities: every reading Hearth shows, charts, records or alerts on speaks
 * it, whatever convention sent it. A quantity has a canonical unit (values are held in it), the
 * unit spellings met in the wild, conversions, a default display precision, how it aggregates
 * over time and whether it is diagnostic (about the device, not the house).
 *
 * States (switch, contact, motion…) are numbers too: 1 is the active state (on, open, motion,
 * occupied, home, wet, smoke), 0 the resting one, and they are shown as words.
 */

export type MeasurementQuantityId =
  | 'temperature'
  | 'humidity'
  | 'illuminance'
  | 'pressure'
  | 'power'
  | 'energy'
  | 'voltage'
  | 'current'
  | 'frequency'
  | 'power_factor'
  | 'co2'
  | 'voc'
  | 'pm25'
  | 'pm10'
  | 'battery'
  | 'rssi'
  | 'link_quality'
  | 'wind_speed'
  | 'rain'
  | 'distance'
  | 'moisture'
  | 'gas'
  | 'water'
  | 'uptime';

export type StateQuantityId = 'switch' | 'contact' | 'motion' | 'occupancy' | 'presence' | 'leak' | 'smoke';

export type QuantityId = MeasurementQuantityId | StateQuantityId;

/** How a quantity condenses over a span of time (charts' long windows, the recorder's tiers). */
export type Aggregation = 'mean' | 'last' | 'increase';

/** A unit of a quantity: canonical = value × factor + offset. */
export interface UnitDefinition {
  /** The unit as Hearth writes it ("°F", "inHg"). */
  symbol: string;
  factor: number;
  offset: number;
  /** Display decimals in this unit, when they differ from the quantity's default. */
  precision?: number;
}

export interface Quantity {
  id: QuantityId;
  /** For people: "Temperature", "Power factor". */
  name: string;
  kind: 'measurement' | 'state';
  /** The unit values are held and compared in ('' for a plain number). */
  unit: string;
  /** Every unit it may be given in, the canonical one first. */
  units: readonly UnitDefinition[];
  /** Decimals shown by default, in the canonical unit. */
  precision: number;
  aggregation: Aggregation;
  /** About the device rather than the house: folded into a details line. */
  diagnostic: boolean;
  /** For states: the words for 0 and 1. */
  words?: readonly [resting: string, active: string];
  /** The unit shown under the imperial system, when it differs. */
  imperialUnit?: string;
  /**
   * Its units are different scales, not conversions of one another (a Zigbee link quality of
   * 0–255 beside a Wi-Fi quality in %): each value is held and shown in the unit it came in.
   */
  keepsUnit?: boolean;
}

const unit = (symbol: string, factor = 1, offset = 0, precision?: number): UnitDefinition =>
  precision === undefined ? { symbol, factor, offset } : { symbol, factor, offset, precision };

function measurement(
  id: MeasurementQuantityId,
  name: string,
  units: readonly UnitDefinition[],
  precision: number,
  extra: Partial<Pick<Quantity, 'aggregation' | 'diagnostic' | 'imperialUnit' | 'keepsUnit'>> = {},
): Quantity {
  return {
    id,
    name,
    kind: 'measurement',
    unit: units[0]?.symbol ?? '',
    units,
    precision,
    aggregation: extra.aggregation ?? 'mean',
    diagnostic: extra.diagnostic ?? false,
    ...(extra.imperialUnit !== undefined ? { imperialUnit: extra.imperialUnit } : {}),
    ...(extra.keepsUnit === true ? { keepsUnit: true } : {}),
  };
}

function state(id: StateQuantityId, name: string, resting: string, active: string): Quantity {
  return {
    id,
    name,
    kind: 'state',
    unit: '',
    units: [unit('')],
    precision: 0,
    aggregation: 'last',
    diagnostic: false,
    words: [resting, active],
  };
}

const FAHRENHEIT = unit('°F', 5 / 9, (-32 * 5) / 9, 1);

/** Every quantity, in the order a card prefers them for its trend line. */
export const QUANTITIES: readonly Quantity[] = [
  measurement('temperature', 'Temperature', [unit('°C'), FAHRENHEIT, unit('K', 1, -273.15)], 1, {
    imperialUnit: '°F',
  }),
  measurement('humidity', 'Humidity', [unit('%')], 0),
  measurement(
    'illuminance',
    'Illuminance',
    [unit('lx'), unit('klx', 1000, 0, 2), unit('fc', 10.764, 0, 1)],
    0,
  ),
  measurement(
    'pressure',
    'Pressure',
    [
      unit('hPa'),
      unit('kPa', 10, 0, 2),
      unit('Pa', 0.01, 0, 0),
      unit('inHg', 33.8639, 0, 2),
      unit('mmHg', 1.33322, 0, 0),
      unit('psi', 68.9476, 0, 2),
      unit('bar', 1000, 0, 3),
    ],
    0,
    { imperialUnit: 'inHg' },
  ),
  measurement('power', 'Power', [unit('W'), unit('kW', 1000, 0, 2), unit('mW', 0.001, 0, 0)], 0),
  measurement('energy', 'Energy', [unit('kWh'), unit('Wh', 0.001, 0, 0), unit('MWh', 1000, 0, 3)], 2, {
    aggregation: 'increase',
  }),
  measurement('voltage', 'Voltage', [unit('V'), unit('mV', 0.001, 0, 0), unit('kV', 1000, 0, 3)], 1),
  measurement('current', 'Current', [unit('A'), unit('mA', 0.001, 0, 0)], 2),
  measurement('frequency', 'Frequency', [unit('Hz'), unit('kHz', 1000, 0, 3)], 1),
  measurement('power_factor', 'Power factor', [unit(''), unit('%', 0.01, 0, 0)], 2),
  measurement('co2', 'CO₂', [unit('ppm')], 0),
  measurement('voc', 'VOC', [unit('ppb'), unit('ppm', 1000, 0, 3)], 0),
  measurement('pm25', 'PM2.5', [unit('µg/m³')], 0),
  measurement('pm10', 'PM10', [unit('µg/m³')], 0),
  measurement('battery', 'Battery', [unit('%')], 0, { diagnostic: true }),
  measurement('rssi', 'Signal strength', [unit('dBm')], 0, { diagnostic: true }),
  measurement('link_quality', 'Link quality', [unit('lqi'), unit('%')], 0, {
    diagnostic: true,
    keepsUnit: true,
  }),
  measurement(
    'wind_speed',
    'Wind speed',
    [unit('km/h'), unit('m/s', 3.6, 0, 1), unit('mph', 1.609344, 0, 1), unit('kn', 1.852, 0, 1)],
    1,
    { imperialUnit: 'mph' },
  ),
  measurement('rain', 'Rain', [unit('mm'), unit('in', 25.4, 0, 2), unit('cm', 10, 0, 1)], 1, {
    imperialUnit: 'in',
    aggregation: 'increase',
  }),
  measurement(
    'distance',
    'Distance',
    [
      unit('cm'),
      unit('mm', 0.1, 0, 0),
      unit('m', 100, 0, 2),
      unit('in', 2.54, 0, 1),
      unit('ft', 30.48, 0, 2),
      unit('km', 100000, 0, 2),
      unit('mi', 160934.4, 0, 2),
    ],
    0,
    { imperialUnit: 'in' },
  ),
  measurement('moisture', 'Moisture', [unit('%')], 0),
  measurement('gas', 'Gas', [unit('m³'), unit('L', 0.001, 0, 0), unit('ft³', 0.0283168, 0, 2)], 2, {
    aggregation: 'increase',
  }),
  measurement('water', 'Water', [unit('L'), unit('m³', 1000, 0, 3), unit('gal', 3.78541, 0, 1)], 0, {
    imperialUnit: 'gal',
    aggregation: 'increase',
  }),
  measurement(
    'uptime',
    'Uptime',
    [unit('s'), unit('min', 60, 0, 0), unit('h', 3600, 0, 1), unit('d', 86400, 0, 1)],
    0,
    {
      diagnostic: true,
      aggregation: 'last',
    },
  ),
  state('switch', 'Switch', 'Off', 'On'),
  state('contact', 'Contact', 'Closed', 'Open'),
  state('motion', 'Motion', 'Clear', 'Motion'),
  state('occupancy', 'Occupancy', 'Clear', 'Occupied'),
  state('presence', 'Presence', 'Away', 'Home'),
  state('leak', 'Leak', 'Dry', 'Wet'),
  state('smoke', 'Smoke', 'Clear', 'Smoke'),
];

const BY_ID: ReadonlyMap<string, Quantity> = new Map(QUANTITIES.map((q) => [q.id, q]));

/** The quantity of an id, or undefined for a word that is none. */
export function quantityOf(id: string): Quantity | undefined {
  return BY_ID.get(id);
}

export function isQuantityId(id: string): id is QuantityId {
  return BY_ID.has(id);
}

/** Unit spellings met in the wild, each to the symbol Hearth writes. Matched exactly first. */
const SPELLINGS: Readonly<Record<string, string>> = {
  '°C': '°C',
  ºC: '°C',
  '˚C': '°C',
  '℃': '°C',
  C: '°C',
  degC: '°C',
  celsius: '°C',
  '°F': '°F',
  ºF: '°F',
  '˚F': '°F',
  '℉': '°F',
  F: '°F',
  degF: '°F',
  fahrenheit: '°F',
  K: 'K',
  kelvin: 'K',
  lx: 'lx',
  lux: 'lx',
  klx: 'klx',
  fc: 'fc',
  hPa: 'hPa',
  // Not `mb`: read case-blind it would take a size in `MB` (megabytes) for a pressure.
  mbar: 'hPa',
  kPa: 'kPa',
  Pa: 'Pa',
  inHg: 'inHg',
  mmHg: 'mmHg',
  psi: 'psi',
  bar: 'bar',
  W: 'W',
  kW: 'kW',
  mW: 'mW',
  kWh: 'kWh',
  Wh: 'Wh',
  MWh: 'MWh',
  V: 'V',
  mV: 'mV',
  kV: 'kV',
  A: 'A',
  mA: 'mA',
  Hz: 'Hz',
  kHz: 'kHz',
  '%': '%',
  '% RH': '%',
  '%RH': '%',
  RH: '%',
  ppm: 'ppm',
  ppb: 'ppb',
  'µg/m³': 'µg/m³',
  'μg/m³': 'µg/m³',
  'ug/m3': 'µg/m³',
  'µg/m3': 'µg/m³',
  'μg/m3': 'µg/m³',
  // Not `dB`: a ratio (a sound level, a gain), not a signal's power in dBm.
  dBm: 'dBm',
  lqi: 'lqi',
  'km/h': 'km/h',
  kmh: 'km/h',
  kph: 'km/h',
  'm/s': 'm/s',
  mph: 'mph',
  kn: 'kn',
  kt: 'kn',
  knots: 'kn',
  mm: 'mm',
  cm: 'cm',
  m: 'm',
  km: 'km',
  in: 'in',
  '"': 'in',
  ft: 'ft',
  mi: 'mi',
  'm³': 'm³',
  m3: 'm³',
  L: 'L',
  l: 'L',
  ft3: 'ft³',
  'ft³': 'ft³',
  gal: 'gal',
  s: 's',
  sec: 's',
  min: 'min',
  h: 'h',
  d: 'd',
  '': '',
};

/** Case-insensitive fallback ("LUX", "KWH", "Degc"), built from spellings that do not collide. */
const LOWER_SPELLINGS: ReadonlyMap<string, string> = (() => {
  const seen = new Map<string, string | null>();
  for (const [spelling, symbol] of Object.entries(SPELLINGS)) {
    const key = spelling.toLowerCase();
    const before = seen.get(key);
    seen.set(key, before === undefined || before === symbol ? symbol : null);
  }
  return new Map([...seen].filter((entry): entry is [string, string] => entry[1] !== null));
})();

/** The symbol Hearth writes for a unit spelling ("ºC", "degC" → "°C"), or null if unknown. */
export function normalizeUnitSpelling(spelling: string): string | null {
  const trimmed = spelling.trim();
  if (Object.hasOwn(SPELLINGS, trimmed)) return SPELLINGS[trimmed] ?? null;
  return LOWER_SPELLINGS.get(trimmed.toLowerCase()) ?? null;
}

/** The definition of a unit spelling within a quantity, or null when the quantity has no such unit. */
export function unitOf(quantity: Quantity, spelling: string): UnitDefinition | null {
  const symbol = normalizeUnitSpelling(spelling);
  if (symbol === null) return null;
  return quantity.units.find((u) => u.symbol === symbol) ?? null;
}

/** Converts a value between two units of one quantity; null when either is not its unit. */
export function convert(quantity: Quantity, value: number, from: string, to: string): number | null {
  const a = unitOf(quantity, from);
  const b = unitOf(quantity, to);
  if (a === null || b === null) return null;
  if (a === b) return value;
  return (value * a.factor + a.offset - b.offset) / b.factor;
}

/**
 * Units that name their quantity alone ("°C" is a temperature, "lx" an illuminance); units many
 * quantities share ("%", "µg/m³", "mm") name none.
 */
const QUANTITY_OF_UNIT: Readonly<Record<string, QuantityId>> = {
  '°C': 'temperature',
  '°F': 'temperature',
  lx: 'illuminance',
  klx: 'illuminance',
  hPa: 'pressure',
  kPa: 'pressure',
  inHg: 'pressure',
  mmHg: 'pressure',
  W: 'power',
  kW: 'power',
  kWh: 'energy',
  Wh: 'energy',
  MWh: 'energy',
  V: 'voltage',
  mV: 'voltage',
  A: 'current',
  mA: 'current',
  Hz: 'frequency',
  // Not `ppm`: CO, NO₂ and VOCs are in ppm too; a CO₂ reading is known by its name (`co2`).
  ppb: 'voc',
  dBm: 'rssi',
  lqi: 'link_quality',
  'km/h': 'wind_speed',
  'm/s': 'wind_speed',
  mph: 'wind_speed',
};

/**
 * Names generic topics and unknown payload keys use for a quantity (lower case, with `_`, `-`
 * and spaces removed before matching).
 */
const NAME_ALIASES: Readonly<Record<string, QuantityId>> = {
  temperature: 'temperature',
  temp: 'temperature',
  tmp: 'temperature',
  airtemperature: 'temperature',
  localtemperature: 'temperature',
  devicetemperature: 'temperature',
  humidity: 'humidity',
  hum: 'humidity',
  rh: 'humidity',
  relativehumidity: 'humidity',
  illuminance: 'illuminance',
  illuminancelux: 'illuminance',
  illumination: 'illuminance',
  brightness: 'illuminance',
  lux: 'illuminance',
  light: 'illuminance',
  lightlevel: 'illuminance',
  pressure: 'pressure',
  airpressure: 'pressure',
  baro: 'pressure',
  barometer: 'pressure',
  power: 'power',
  activepower: 'power',
  apower: 'power',
  watt: 'power',
  watts: 'power',
  energy: 'energy',
  totalenergy: 'energy',
  voltage: 'voltage',
  volt: 'voltage',
  volts: 'voltage',
  current: 'current',
  amps: 'current',
  frequency: 'frequency',
  freq: 'frequency',
  powerfactor: 'power_factor',
  pf: 'power_factor',
  co2: 'co2',
  carbondioxide: 'co2',
  eco2: 'co2',
  voc: 'voc',
  tvoc: 'voc',
  pm25: 'pm25',
  'pm2.5': 'pm25',
  pm10: 'pm10',
  battery: 'battery',
  batterylevel: 'battery',
  bat: 'battery',
  rssi: 'rssi',
  signal: 'rssi',
  linkquality: 'link_quality',
  lqi: 'link_quality',
  windspeed: 'wind_speed',
  wind: 'wind_speed',
  rain: 'rain',
  rainfall: 'rain',
  precipitation: 'rain',
  distance: 'distance',
  moisture: 'moisture',
  soilmoisture: 'moisture',
  gas: 'gas',
  water: 'water',
  uptime: 'uptime',
  switch: 'switch',
  relay: 'switch',
  contact: 'contact',
  door: 'contact',
  window: 'contact',
  motion: 'motion',
  pir: 'motion',
  occupancy: 'occupancy',
  presence: 'presence',
  leak: 'leak',
  waterleak: 'leak',
  smoke: 'smoke',
};

function aliasKey(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

/** The quantity a name stands for ("temp", "Humidity", "illuminance_lux"), or null. */
export function quantityOfName(name: string): QuantityId | null {
  const key = aliasKey(name);
  return Object.hasOwn(NAME_ALIASES, key) ? (NAME_ALIASES[key] ?? null) : null;
}

/** The quantity a unit alone names ("°C", "lx", "kWh"), or null for shared or unknown units. */
export function quantityOfUnit(spelling: string): QuantityId | null {
  const symbol = normalizeUnitSpelling(spelling);
  if (symbol === null) return null;
  return Object.hasOwn(QUANTITY_OF_UNIT, symbol) ? (QUANTITY_OF_UNIT[symbol] ?? null) : null;
}

/** What a convention (or nothing) says about one reading, before it is held. */
export interface ReadingHint {
  /** The reading's own name (the metric key, a payload key). */
  name: string;
  value: number;
  /** The unit as sent or announced; null when nothing named one. */
  unit: string | null;
  /** The quantity the convention knows; undefined: infer from the name and unit; null: none. */
  quantity?: QuantityId | null;
}

/** A reading in the vocabulary: its quantity, and its value in the unit it is held in. */
export interface ResolvedReading {
  quantity: QuantityId | null;
  /** In the quantity's canonical unit; as sent when the quantity is unknown. */
  value: number;
  /** The canonical unit, or the unit as sent for a reading of no known quantity. */
  unit: string;
}

/**
 * Places one reading in the vocabulary. The quantity is the convention's word, else the unit's,
 * else the name's; the value is converted to the canonical unit ("73.4 °F" → 23 °C, "1200 Wh" →
 * 1.2 kWh). A unit the quantity does not know (a temperature in "bananas") is never converted:
 * the reading then keeps its own name and unit, as one of no known quantity. No unit at all means
 * the canonical unit.
 */
export function resolveReading(hint: ReadingHint): ResolvedReading {
  const id =
    hint.quantity !== undefined
      ? hint.quantity
      : ((hint.unit !== null ? quantityOfUnit(hint.unit) : null) ?? quantityOfName(hint.name));
  const quantity = id === null ? undefined : quantityOf(id);
  if (quantity === undefined) {
    const written = hint.unit === null ? '' : (normalizeUnitSpelling(hint.unit) ?? hint.unit.trim());
    return { quantity: null, value: hint.value, unit: written };
  }
  if (hint.unit === null || hint.unit.trim() === '') {
    return { quantity: quantity.id, value: hint.value, unit: quantity.unit };
  }
  if (quantity.keepsUnit === true) {
    const own = unitOf(quantity, hint.unit);
    return own === null
      ? { quantity: null, value: hint.value, unit: hint.unit.trim() }
      : { quantity: quantity.id, value: hint.value, unit: own.symbol };
  }
  const converted = convert(quantity, hint.value, hint.unit, quantity.unit);
  if (converted === null) {
    // A state's unit means nothing; a measurement in an unknown unit is not this quantity for us.
    if (quantity.kind === 'state') return { quantity: quantity.id, value: hint.value, unit: '' };
    return { quantity: null, value: hint.value, unit: hint.unit.trim() };
  }
  return { quantity: quantity.id, value: converted, unit: quantity.unit };
}

export type UnitSystem = 'metric' | 'imperial';

/** What the user chose: a system, and a unit per quantity that overrides it. */
export interface UnitPreferences {
  system: UnitSystem;
  perQuantity: Partial<Record<QuantityId, string>>;
}

export const METRIC_PREFERENCES: UnitPreferences = { system: 'metric', perQuantity: {} };

/** The unit a quantity is shown in under the user's preferences. */
export function displayUnit(quantity: Quantity, preferences: UnitPreferences): UnitDefinition {
  const chosen = preferences.perQuantity[quantity.id];
  const wanted =
    chosen !== undefined ? chosen : preferences.system === 'imperial' ? quantity.imperialUnit : undefined;
  const found = wanted === undefined ? null : unitOf(quantity, wanted);
  return found ?? (quantity.units[0] as UnitDefinition);
}

/** A held value (canonical unit) in a display unit of its quantity. */
export function toDisplay(quantity: Quantity, value: number, target: UnitDefinition): number {
  const canonical = quantity.units[0] as UnitDefinition;
  if (target === canonical) return value;
  return (value * canonical.factor + canonical.offset - target.offset) / target.factor;
}

/** A value typed in a display unit, back in the canonical unit (threshold limits). */
export function fromDisplay(quantity: Quantity, value: number, source: UnitDefinition): number {
  const canonical = quantity.units[0] as UnitDefinition;
  if (source === canonical) return value;
  return (value * source.factor + source.offset - canonical.offset) / canonical.factor;
}

/**
 * A difference (a hysteresis, a delta) typed in a display unit, in the canonical unit: scaled,
 * never shifted (2 °F of hysteresis is 1.1 °C, not -16.7 °C).
 */
export function spanFromDisplay(quantity: Quantity, span: number, source: UnitDefinition): number {
  const canonical = quantity.units[0] as UnitDefinition;
  return (span * source.factor) / canonical.factor;
}

/** Decimals to show: the reading's own choice, else the unit's, else the quantity's. */
export function displayPrecision(quantity: Quantity, target: UnitDefinition, chosen?: number | null): number {
  if (chosen !== undefined && chosen !== null) return clampPrecision(chosen);
  return target.precision ?? quantity.precision;
}

export function clampPrecision(decimals: number): number {
  return Number.isFinite(decimals) ? Math.min(6, Math.max(0, Math.round(decimals))) : 0;
}

/** The word for a state's value: "On", "Open", "Wet"; anything not 0 is the active state. */
export function stateWord(quantity: Quantity, value: number): string {
  const words = quantity.words ?? ['Off', 'On'];
  return value === 0 ? words[0] : words[1];
}

/** Decimals a number shows as sent ("21.85" → 2), at most 3; for readings of no known quantity. */
export function decimalsOf(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return 0;
  const text = String(Number(value.toFixed(3)));
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : Math.min(3, text.length - dot - 1);
}

/** The order a card looks for its trend line: measurements of the house first, never a state. */
export const TREND_ORDER: readonly QuantityId[] = [
  'temperature',
  'humidity',
  'illuminance',
  'power',
  'co2',
  'pressure',
  'pm25',
  'pm10',
  'voc',
  'moisture',
  'wind_speed',
  'rain',
  'energy',
  'voltage',
  'current',
  'frequency',
  'distance',
  'water',
  'gas',
  'power_factor',
];
