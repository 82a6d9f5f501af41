import { type SignInNotice, SignInPage } from '../features/signIn/SignInPage';
import { type Account, parseRole } from '../store/accountSlice';
import { ReloadPrompt } from './ReloadPrompt';
import { type Fetch, signIn } from './signInApi';

/** Said on the sign-in page when it shows again: the session ended meanwhile, or "Sign out". */
const NOTICES: Record<'ended' | 'signed-out', SignInNotice> = {
  ended: { text: 'Your session ended; sign in again.', tone: 'warning' },
  'signed-out': { text: 'You are signed out.', tone: 'note' },
};

/**
 * The sign-in page wired to the server: `onSignedIn` once the session cookie is set, with who
 * signed in (a kept screen under the label given, or the account's name as the server names it).
 * `why` says why it shows again in this page (null at the first start).
 */
export function SignInScreen({
  fetcher,
  why = null,
  onSignedIn,
}: {
  fetcher: Fetch;
  why?: 'ended' | 'signed-out' | null;
  onSignedIn: (account: Account) => void;
}) {
  // The service worker is registered here too: a tablet's first visit is its sign-in, and from
  // then on the app's shell (and a new version's prompt) is there even before anyone signs in.
  return (
    <>
      <ReloadPrompt kiosk={false} />
      <SignInPage
        notice={why === null ? null : NOTICES[why]}
        onSignIn={async (fields) => {
          const answer = await signIn(fetcher, fields);
          if (answer.ok) {
            onSignedIn({
              kind: 'signed-in',
              name: answer.name,
              role: parseRole(answer.role),
              via: fields.keepSignedIn ? 'screen' : 'session',
              label: fields.keepSignedIn ? fields.screenLabel || answer.name : '',
            });
          }
          return answer;
        }}
      />
    </>
  );
}
