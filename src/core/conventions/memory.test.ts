import { describe, expect, it } from 'vitest';
import { createConventionMemory, firstAnnouncement, MEMORY_LIMITS } from './memory';

describe('convention memory', () => {
  it('compiles the custom patterns once and keeps the problems of the bad ones in words', () => {
    const memory = createConventionMemory({
      customPatterns: [{ pattern: 'site/{device}/{metric}' }, { pattern: 'site/sensors' }],
    });
    expect(memory.customPatterns).toHaveLength(1);
    expect(memory.patternProblems).toEqual(['"site/sensors": the pattern needs exactly one {device} level']);
  });

  it('announces a thing once per device', () => {
    const memory = createConventionMemory();
    expect(firstAnnouncement(memory, 'tasmota', 'a', 'control:POWER')).toBe(true);
    expect(firstAnnouncement(memory, 'tasmota', 'a', 'control:POWER')).toBe(false);
    expect(firstAnnouncement(memory, 'tasmota', 'b', 'control:POWER')).toBe(true);
  });

  it('keeps devices of the same id apart when their conventions differ', () => {
    const memory = createConventionMemory();
    expect(firstAnnouncement(memory, 'tasmota', 'a', 'name')).toBe(true);
    expect(firstAnnouncement(memory, 'homeseer', 'a', 'name')).toBe(true);
  });

  it('starts announcing over when its set is full, rather than growing', () => {
    const memory = createConventionMemory();
    for (let i = 0; i < MEMORY_LIMITS.announced; i++) memory.announced.add(`d${i}`);
    expect(firstAnnouncement(memory, 'tasmota', 'a', 'name')).toBe(true);
    expect(memory.announced.size).toBe(1);
  });
});
