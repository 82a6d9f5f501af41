import { SignInPage } from '../features/signIn/SignInPage';
import { type Fetch, signIn } from './signInApi';

/** The sign-in page wired to the server: `onSignedIn` once the session cookie is set. */
export function SignInScreen({ fetcher, onSignedIn }: { fetcher: Fetch; onSignedIn: () => void }) {
  return (
    <SignInPage
      onSignIn={async (fields) => {
        const answer = await signIn(fetcher, fields);
        if (answer.ok) onSignedIn();
        return answer;
      }}
    />
  );
}
