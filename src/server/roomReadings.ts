/** How a simulated room behaves over a day. */
interface RoomClimate {
  /** Temperature halfway between the early-morning low and the late-afternoon high, in °C. */
  meanC: number;
  /** How far the temperature moves above and below the mean over the day, in °C. */
  swingC: number;
  /** Light at midday on an average day, in lux. */
  middayLux: number;
  /** The most light at night (standby LEDs, street light), in lux. */
  nightLuxMax: number;
}

const HEATED_ROOM: RoomClimate = { meanC: 21, swingC: 1.2, middayLux: 300, nightLuxMax: 5 };

const ROOM_CLIMATES: Record<string, RoomClimate> = {
  'living-room': { meanC: 21.4, swingC: 1.2, middayLux: 420, nightLuxMax: 5 },
  kitchen: { meanC: 21.6, swingC: 1.3, middayLux: 350, nightLuxMax: 5 },
  bedroom: { meanC: 20.2, swingC: 1.0, middayLux: 140, nightLuxMax: 2 },
  // Unheated: follows the weather, and has one small window.
  garage: { meanC: 11, swingC: 3, middayLux: 60, nightLuxMax: 3 },
};

const COLDEST_HOUR = 5;
const SUNRISE_HOUR = 7;
const SUNSET_HOUR = 19;
const TEMPERATURE_NOISE_C = 0.15;

/** A number in [0, 1); Math.random in use, fixed in tests. */
export type RandomSource = () => number;

/**
 * The temperature a room's sensor reads at `time` (local time of day), in °C with one decimal:
 * lowest around 05:00, highest around 17:00, with a little sensor noise. Unknown rooms behave like
 * an ordinary heated room.
 */
export function temperatureAt(room: string, time: Date, random: RandomSource): number {
  const climate = ROOM_CLIMATES[room] ?? HEATED_ROOM;
  const dayCurve = -Math.cos((2 * Math.PI * (hourOfDay(time) - COLDEST_HOUR)) / 24);
  const noise = (random() * 2 - 1) * TEMPERATURE_NOISE_C;
  return Math.round((climate.meanC + climate.swingC * dayCurve + noise) * 10) / 10;
}

/**
 * The light a room's sensor reads at `time`, in whole lux: daylight rising from 07:00 to a midday
 * peak and gone by 19:00, varying with passing clouds; near dark at night.
 */
export function brightnessAt(room: string, time: Date, random: RandomSource): number {
  const climate = ROOM_CLIMATES[room] ?? HEATED_ROOM;
  const hour = hourOfDay(time);
  const daylight =
    hour > SUNRISE_HOUR && hour < SUNSET_HOUR
      ? Math.sin((Math.PI * (hour - SUNRISE_HOUR)) / (SUNSET_HOUR - SUNRISE_HOUR))
      : 0;
  const clouds = 0.8 + 0.4 * random();
  const night = random() * climate.nightLuxMax;
  return Math.round(climate.middayLux * daylight * clouds + night);
}

function hourOfDay(time: Date): number {
  return time.getHours() + time.getMinutes() / 60 + time.getSeconds() / 3600;
}
