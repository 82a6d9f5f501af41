import { type FormEvent, useState } from 'react';

export interface SignInFields {
  name: string;
  password: string;
  keepSignedIn: boolean;
  /** Where the kept screen is ("Kitchen tablet"), so settings can name it; empty when not kept. */
  screenLabel: string;
}

/** The server keeps a screen's label up to this many characters. */
const SCREEN_LABEL_MAX_CHARS = 80;

export type SignInOutcome = { ok: true } | { ok: false; reason: string };

/** Why the page is shown again: a session that ended is a warning, a sign-out only a note. */
export interface SignInNotice {
  text: string;
  tone: 'note' | 'warning';
}

const NOTICE_CLASS: Record<SignInNotice['tone'], string> = {
  note: 'bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-100',
  warning: 'bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-100',
};

const FIELD_CLASS =
  'h-11 w-full rounded-lg border border-slate-300 bg-white px-3 text-base dark:border-slate-600 dark:bg-slate-800';

/**
 * The only page a server with accounts shows before sign-in. `onSignIn` asks the server and
 * answers with its refusal in words (a wrong password, or how long to wait); on success the
 * caller starts the dashboard. The password is cleared after a refusal, the name kept. `notice`
 * says why the page is back (the session ended). A screen kept signed in is asked where it is.
 */
export function SignInPage({
  onSignIn,
  notice = null,
}: {
  onSignIn: (fields: SignInFields) => Promise<SignInOutcome>;
  notice?: SignInNotice | null;
}) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [keepSignedIn, setKeepSignedIn] = useState(false);
  const [screenLabel, setScreenLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const label = keepSignedIn ? screenLabel.trim() : '';
    const outcome = await onSignIn({ name: name.trim(), password, keepSignedIn, screenLabel: label });
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
      {notice !== null && problem === null && (
        <p
          role="status"
          data-sign-in-notice={notice.tone}
          className={`rounded-lg p-3 text-sm ${NOTICE_CLASS[notice.tone]}`}
        >
          {notice.text}
        </p>
      )}
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
        {keepSignedIn && (
          <label className="flex flex-col gap-1 text-sm font-medium">
            Where is this screen?
            <input
              className={FIELD_CLASS}
              name="screen-label"
              autoComplete="off"
              placeholder="Kitchen tablet"
              maxLength={SCREEN_LABEL_MAX_CHARS}
              value={screenLabel}
              onChange={(event) => setScreenLabel(event.target.value)}
            />
            <span className="font-normal text-slate-600 dark:text-slate-300">
              Shown in settings, so this screen can be signed out from another one.
            </span>
          </label>
        )}
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
