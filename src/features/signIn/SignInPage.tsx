import { type FormEvent, useState } from 'react';

export interface SignInFields {
  name: string;
  password: string;
  keepSignedIn: boolean;
}

export type SignInOutcome = { ok: true } | { ok: false; reason: string };

const FIELD_CLASS =
  'h-11 w-full rounded-lg border border-slate-300 bg-white px-3 text-base dark:border-slate-600 dark:bg-slate-800';

/**
 * The only page a server with accounts shows before sign-in. `onSignIn` asks the server and
 * answers with its refusal in words (a wrong password, or how long to wait); on success the
 * caller starts the dashboard. The password is cleared after a refusal, the name kept.
 */
export function SignInPage({ onSignIn }: { onSignIn: (fields: SignInFields) => Promise<SignInOutcome> }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [keepSignedIn, setKeepSignedIn] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const outcome = await onSignIn({ name: name.trim(), password, keepSignedIn });
    setBusy(false);
    if (!outcome.ok) {
      setProblem(outcome.reason);
      setPassword('');
    }
  };

  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center gap-6 p-4">
      <h1 className="flex items-center gap-2 text-2xl font-bold">
        <img src="/favicon.svg" alt="" width={32} height={32} />
        Hearth
      </h1>
      <form className="flex flex-col gap-4" onSubmit={(event) => void submit(event)} aria-label="Sign in">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Name
          <input
            className={FIELD_CLASS}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Password
          <input
            className={FIELD_CLASS}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        <label className="flex min-h-11 items-center gap-3 text-sm">
          <input
            type="checkbox"
            className="size-5"
            checked={keepSignedIn}
            onChange={(event) => setKeepSignedIn(event.target.checked)}
          />
          Keep this screen signed in
        </label>
        {problem !== null && (
          <p
            role="alert"
            className="rounded-lg bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
          >
            {problem}
          </p>
        )}
        <button
          type="submit"
          disabled={busy}
          className="h-11 rounded-lg bg-sky-700 px-4 font-semibold text-white disabled:opacity-60"
        >
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
