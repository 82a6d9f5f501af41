import { describe, expect, it } from 'vitest';
import { type CpuProfile, hottestFunctions } from './cpuProfile.ts';

const frame = (functionName: string, url = '', lineNumber = 0) => ({
  functionName,
  url,
  lineNumber,
  columnNumber: 0,
});

describe('hottestFunctions', () => {
  it('charges each sample to the function on top and sorts by self time, leaving out idle', () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2, 3, 4] },
        { id: 2, callFrame: frame('fold', 'http://x/assets/index-abc.js?v=1', 9) },
        { id: 3, callFrame: frame('(idle)') },
        { id: 4, callFrame: frame('', 'http://x/assets/chart.js', 0) },
      ],
      startTime: 0,
      endTime: 10_000,
      samples: [2, 2, 3, 4, 2],
      timeDeltas: [0, 1000, 2000, 3000, 500],
    };
    expect(hottestFunctions(profile)).toEqual([
      { where: 'fold (index-abc.js:10)', selfMs: 3 },
      { where: '(anonymous) (chart.js:1)', selfMs: 0.5 },
    ]);
  });
});
