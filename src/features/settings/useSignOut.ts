import { useState } from 'react';
import { useHearthStore } from '../../store/store';

/**
 * Signs this browser out (`POST /api/logout`); once the server agrees, the store ends the session
 * and the page shows its sign-in. `problem` says in words why it could not.
 */
export function useSignOut(): { signOut: () => Promise<void>; busy: boolean; problem: string | null } {
  const client = useHearthStore((s) => s.accountsClient);
  const endSession = useHearthStore((s) => s.endSession);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const signOut = async () => {
    if (client === null || busy) return;
    setBusy(true);
    setProblem(null);
    const reply = await client.signOut();
    setBusy(false);
    if (reply.ok) endSession('signed-out');
    else setProblem(`Not signed out: ${reply.reason}`);
  };
  return { signOut, busy, problem };
}
