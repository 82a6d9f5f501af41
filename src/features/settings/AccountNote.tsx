import type { KeyboardEvent } from 'react';

/** What came of the last change on an account: done, or refused in the server's words. */
export type AccountOutcome = { kind: 'done'; text: string } | { kind: 'problem'; text: string };

/** The outcome as one line: a refusal is an alert, a change done a status. Plain text only. */
export function AccountNote({ outcome }: { outcome: AccountOutcome | null }) {
  if (outcome === null) return null;
  return outcome.kind === 'problem' ? (
    <p
      role="alert"
      className="rounded-lg bg-red-50 p-2 text-sm text-red-900 [overflow-wrap:anywhere] dark:bg-red-950 dark:text-red-100"
    >
      {outcome.text}
    </p>
  ) : (
    <p role="status" className="text-sm text-slate-700 [overflow-wrap:anywhere] dark:text-slate-200">
      {outcome.text}
    </p>
  );
}

/**
 * Enter in a field here would submit the whole settings form (this screen's settings) and close
 * it: inside an account form it runs that form's own action instead.
 */
export function enterRuns(action: () => void) {
  return (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement)) return;
    event.preventDefault();
    action();
  };
}
