import { describe, expect, it } from 'vitest';
import { createProblemLog, describeDatabaseError, failureLine, recoveryLine } from './problemLog.ts';

const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

describe('the line about a failing database', () => {
  it('is said once a minute at most while the failure lasts', () => {
    const log = createProblemLog();
    const at = (ms: number) =>
      failureLine(log, ms, 'write to the history database', full, 'keeping 3 readings in memory');
    expect(at(0)).toBe(
      'recorder: cannot write to the history database (disk full: SQLITE_FULL); keeping 3 readings in memory',
    );
    expect(at(59_999)).toBeNull();
    expect(at(60_000)).not.toBeNull();
  });

  it('is followed by one line when it works again, and none if it never failed', () => {
    const log = createProblemLog();
    expect(recoveryLine(log, 'works again')).toBeNull();
    failureLine(log, 0, 'prune old history', full, 'will try again');
    expect(recoveryLine(log, 'works again')).toBe('recorder: works again');
    expect(recoveryLine(log, 'works again')).toBeNull();
  });

  it('names a database that is down', () => {
    expect(
      describeDatabaseError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toBe('database unreachable: ECONNREFUSED');
  });
});
