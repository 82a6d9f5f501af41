import { describe, expect, it } from 'vitest';
import { placeTimeLabels } from './timeLabels';

describe('placeTimeLabels', () => {
  it('centres labels that have room, and sets those near an edge against it', () => {
    const labels = [10, 100, 180, 260, 345].map((at) => ({ at, width: 50 }));
    expect(placeTimeLabels(labels, 360, 32)).toEqual(['start', 'middle', 'middle', 'middle', 'end']);
  });

  it('leaves out a label set against the right edge while it would touch the one before', () => {
    // 10:34 centred at 1135 ends at 1162; 10:35 set against the edge at 1216 would start at 1161.
    const labels = [
      { at: 1135, width: 55 },
      { at: 1216, width: 55 },
    ];
    expect(placeTimeLabels(labels, 1240, 32)).toEqual(['middle', null]);
    // Once its tick has moved in, it is centred and shows.
    expect(
      placeTimeLabels(
        [
          { at: 1100, width: 55 },
          { at: 1180, width: 55 },
        ],
        1240,
        32,
      ),
    ).toEqual(['middle', 'middle']);
  });

  it('keeps a gap between neighbours that would touch even when centred', () => {
    const labels = [100, 150, 200].map((at) => ({ at, width: 60 }));
    expect(placeTimeLabels(labels, 400, 32)).toEqual(['middle', null, 'middle']);
  });
});
