/**
 * One clear line about a failing database operation, at most once per PROBLEM_REPEAT_MS while it
 * keeps failing, and one line when it works again: a full disk must be loud enough to be found in
 * the log, and not fill what little disk is left.
 */
export interface ProblemLog {
  /** When the last line about a failure was written, or null while all is well. */
  saidAt: number | null;
}

export const PROBLEM_REPEAT_MS = 60_000;

export function createProblemLog(): ProblemLog {
  return { saidAt: null };
}

/** The line to log for a failure at `nowMs` (`what`: "write to the history database"), or null to stay quiet. */
export function failureLine(
  log: ProblemLog,
  nowMs: number,
  what: string,
  error: unknown,
  consequence: string,
): string | null {
  if (log.saidAt !== null && nowMs - log.saidAt < PROBLEM_REPEAT_MS) return null;
  log.saidAt = nowMs;
  return `recorder: cannot ${what} (${describeDatabaseError(error)}); ${consequence}`;
}

/** The line to log when the operation works again after failing, or null if it never failed. */
export function recoveryLine(log: ProblemLog, message: string): string | null {
  if (log.saidAt === null) return null;
  log.saidAt = null;
  return `recorder: ${message}`;
}

/** A database error in words a person acts on, with the driver's code to search for. */
export function describeDatabaseError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : null;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'SQLITE_FULL':
    case 'ENOSPC':
      return `disk full: ${code}`;
    case 'SQLITE_READONLY':
    case 'EACCES':
    case 'EROFS':
      return `cannot write the file: ${code}`;
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return `database busy: ${code}`;
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case '57P01':
      return `database unreachable: ${code}`;
    case null:
      return message;
    default:
      return `${message}: ${code}`;
  }
}

/** A count as people read it: 12,345. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
