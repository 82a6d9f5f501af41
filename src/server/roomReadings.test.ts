import { describe, expect, it } from 'vitest';
import { brightnessAt, temperatureAt } from './roomReadings.ts';

const at = (hours: number, minutes = 0) => new Date(2026, 0, 15, hours, minutes);
const lowest = () => 0;
const highest = () => 0.999_999;
const middle = () => 0.5;
const everyHalfHour = Array.from({ length: 48 }, (_, i) => at(Math.floor(i / 2), (i % 2) * 30));

describe('temperatureAt', () => {
  it('keeps living rooms, kitchens and bedrooms between 19 and 23 °C all day, noise included', () => {
    for (const room of ['living-room', 'kitchen', 'bedroom', 'study']) {
      for (const time of everyHalfHour) {
        for (const random of [lowest, highest]) {
          const celsius = temperatureAt(room, time, random);
          expect(celsius).toBeGreaterThanOrEqual(19);
          expect(celsius).toBeLessThanOrEqual(23);
        }
      }
    }
  });

  it('keeps the unheated garage between about 8 and 14 °C', () => {
    const readings = everyHalfHour.map((time) => temperatureAt('garage', time, middle));
    expect(Math.min(...readings)).toBeCloseTo(8, 0);
    expect(Math.max(...readings)).toBeCloseTo(14, 0);
  });

  it('is coldest before dawn and warmest in the late afternoon', () => {
    const dawn = temperatureAt('living-room', at(5), middle);
    const afternoon = temperatureAt('living-room', at(17), middle);
    const noon = temperatureAt('living-room', at(12), middle);
    expect(dawn).toBeLessThan(noon);
    expect(noon).toBeLessThan(afternoon);
  });

  it('reads to one decimal, as a sensor reports it', () => {
    const celsius = temperatureAt('kitchen', at(9, 17), () => 0.123);
    expect(Math.round(celsius * 10) / 10).toBe(celsius);
  });
});

describe('brightnessAt', () => {
  it('stays at 0 to 5 lux in every room at night', () => {
    for (const room of ['living-room', 'kitchen', 'bedroom', 'garage']) {
      for (const time of [at(22), at(1), at(4, 30), at(6, 59)]) {
        expect(brightnessAt(room, time, highest)).toBeLessThanOrEqual(5);
        expect(brightnessAt(room, time, lowest)).toBe(0);
      }
    }
  });

  it('gives a living room a few hundred lux around midday', () => {
    const lux = brightnessAt('living-room', at(13), middle);
    expect(lux).toBeGreaterThan(200);
    expect(lux).toBeLessThan(600);
  });

  it('keeps the bedroom darker than the living room in daylight', () => {
    for (const hour of [9, 12, 15, 18]) {
      expect(brightnessAt('bedroom', at(hour), middle)).toBeLessThan(
        brightnessAt('living-room', at(hour), middle),
      );
    }
  });

  it('reads in whole lux', () => {
    expect(Number.isInteger(brightnessAt('kitchen', at(10, 41), () => 0.37))).toBe(true);
  });
});
