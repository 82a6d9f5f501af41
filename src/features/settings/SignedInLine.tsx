import { useHearthStore } from '../../store/store';
import { signedInWords } from './screenRows';
import { useSignOut } from './useSignOut';

/**
 * Who this screen is signed in as ("Signed in as Ann (owner)", or that a kept screen stays so),
 * with "Sign out", at the top of settings. Nothing in a house without accounts.
 */
export function SignedInLine() {
  const words = useHearthStore((s) => signedInWords(s.account));
  const { signOut, busy, problem } = useSignOut();
  if (words === null) return null;
  return (
    <div className="flex flex-col gap-2" data-signed-in>
      <div className="flex min-w-0 flex-wrap items-center gap-2 rounded-lg bg-slate-100 px-3 py-1 text-sm dark:bg-slate-800">
        <span className="min-w-0 flex-1 [overflow-wrap:anywhere]">{words}</span>
        <button
          type="button"
          disabled={busy}
          onClick={() => void signOut()}
          className="h-11 shrink-0 rounded-lg border border-slate-300 bg-white px-3 font-medium hover:bg-slate-50 disabled:opacity-60 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-700"
        >
          {busy ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
      {problem !== null && (
        <p
          role="alert"
          className="rounded-lg bg-red-50 p-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
        >
          {problem}
        </p>
      )}
    </div>
  );
}
