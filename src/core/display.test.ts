import { describe, expect, it } from 'vitest';
import { displayScale, formatFixed, metricScale } from './display';
import { METRIC_PREFERENCES, type UnitPreferences } from './quantity';

const IMPERIAL: UnitPreferences = { system: 'imperial', perQuantity: {} };

describe('displayScale', () => {
  it('shows a temperature with one decimal, always', () => {
    const scale = displayScale('temperature', '°C', METRIC_PREFERENCES);
    expect(scale.format(22)).toBe('22.0');
    expect(scale.format(22.06)).toBe('22.1');
    expect(scale.unit).toBe('°C');
  });

  it('shows 20 °C as 68.0 °F under the imperial system', () => {
    const scale = displayScale('temperature', '°C', IMPERIAL);
    expect(scale.unit).toBe('°F');
    expect(scale.format(20)).toBe('68.0');
  });

  it('shows humidity and illuminance without decimals', () => {
    expect(displayScale('humidity', '%', METRIC_PREFERENCES).format(44.72)).toBe('45');
    expect(displayScale('illuminance', 'lx', METRIC_PREFERENCES).format(340.4)).toBe('340');
  });

  it('takes a reading’s own precision over the quantity’s', () => {
    expect(displayScale('temperature', '°C', METRIC_PREFERENCES, 2).format(21.854)).toBe('21.85');
  });

  it('shows states as words', () => {
    const scale = displayScale('switch', '', METRIC_PREFERENCES);
    expect(scale.format(1)).toBe('On');
    expect(scale.format(0)).toBe('Off');
    expect(scale.unit).toBe('');
  });

  it('shows a reading of no known quantity in its own unit, never converted', () => {
    const scale = displayScale(null, 'rpm', IMPERIAL, 1);
    expect(scale.unit).toBe('rpm');
    expect(scale.format(1200)).toBe('1200.0');
  });

  // Home Assistant passes `suggested_display_precision` through as sent; toFixed throws past 100.
  it('clamps a precision a source suggests past what toFixed takes', () => {
    expect(displayScale('temperature', '°C', METRIC_PREFERENCES, 150).format(1)).toBe('1.000000');
    expect(displayScale(null, 'rpm', METRIC_PREFERENCES, 150).format(1)).toBe('1.000000');
    expect(displayScale('link_quality', 'lqi', METRIC_PREFERENCES, 150).format(1)).toBe('1.000000');
    expect(displayScale(null, 'rpm', METRIC_PREFERENCES, -3).precision).toBe(0);
  });
});

describe('metricScale', () => {
  it('keeps the width of a reading of no known quantity once it has shown decimals', () => {
    const scale = metricScale({ quantity: null, unit: '', precision: null, decimals: 1 }, METRIC_PREFERENCES);
    expect(scale.format(22)).toBe('22.0');
    expect(scale.format(22.1)).toBe('22.1');
  });

  it('takes the user’s choice over the source’s suggestion', () => {
    const metric = { quantity: 'temperature' as const, unit: '°C', precision: 2, decimals: 2 };
    expect(metricScale(metric, METRIC_PREFERENCES).format(21.5)).toBe('21.50');
    expect(metricScale(metric, METRIC_PREFERENCES, 0).format(21.5)).toBe('22');
  });
});

describe('formatFixed', () => {
  it('never shows a negative zero', () => {
    expect(formatFixed(-0.01, 1)).toBe('0.0');
  });
});
