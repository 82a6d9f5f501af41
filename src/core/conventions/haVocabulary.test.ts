import { describe, expect, it } from 'vitest';
import { haQuantityOf } from './haVocabulary';

describe('Home Assistant device classes in the vocabulary', () => {
  it.each([
    ['temperature', 'temperature'],
    ['humidity', 'humidity'],
    ['illuminance', 'illuminance'],
    ['pressure', 'pressure'],
    ['atmospheric_pressure', 'pressure'],
    ['power', 'power'],
    ['energy', 'energy'],
    ['voltage', 'voltage'],
    ['current', 'current'],
    ['frequency', 'frequency'],
    ['power_factor', 'power_factor'],
    ['carbon_dioxide', 'co2'],
    ['volatile_organic_compounds', 'voc'],
    ['volatile_organic_compounds_parts', 'voc'],
    ['pm25', 'pm25'],
    ['pm10', 'pm10'],
    ['battery', 'battery'],
    ['signal_strength', 'rssi'],
    ['wind_speed', 'wind_speed'],
    ['precipitation', 'rain'],
    ['distance', 'distance'],
    ['moisture', 'moisture'],
    ['gas', 'gas'],
    ['water', 'water'],
  ])('a sensor of class %s is a %s', (deviceClass, quantity) => {
    expect(haQuantityOf('sensor', deviceClass, 'x')).toBe(quantity);
  });

  it('leaves a sensor of no class to its unit and name', () => {
    expect(haQuantityOf('sensor', null, 'temp')).toBeUndefined();
  });

  it.each([
    ['carbon_monoxide', 'co_level'],
    ['sound_pressure', 'noise'],
    ['monetary', 'cost'],
    ['aqi', 'air_quality'],
    ['duration', 'washer_remaining_time'],
  ])('gives a sensor of class %s no quantity, never a guess from its unit', (deviceClass, objectId) => {
    expect(haQuantityOf('sensor', deviceClass, objectId)).toBeNull();
  });

  it.each([
    ['door', 'contact'],
    ['window', 'contact'],
    ['garage_door', 'contact'],
    ['opening', 'contact'],
    ['motion', 'motion'],
    ['occupancy', 'occupancy'],
    ['presence', 'presence'],
    ['moisture', 'leak'],
    ['smoke', 'smoke'],
    ['plug', 'switch'],
    ['power', 'switch'],
    ['outlet', 'switch'],
    ['problem', 'switch'],
  ])('a binary sensor of class %s is a %s', (deviceClass, quantity) => {
    expect(haQuantityOf('binary_sensor', deviceClass, 'x')).toBe(quantity);
  });

  it('reads a binary sensor of no class by its name, else as On/Off', () => {
    expect(haQuantityOf('binary_sensor', null, 'hall_motion')).toBe('switch');
    expect(haQuantityOf('binary_sensor', null, 'motion')).toBe('motion');
    expect(haQuantityOf('binary_sensor', null, 'temperature')).toBe('switch');
  });

  it('reads switches and lights as switches, and a number by its class only', () => {
    expect(haQuantityOf('switch', null, 'relay')).toBe('switch');
    expect(haQuantityOf('light', null, 'ceiling')).toBe('switch');
    expect(haQuantityOf('number', 'temperature', 'setpoint')).toBe('temperature');
    expect(haQuantityOf('number', null, 'setpoint')).toBeNull();
  });
});
