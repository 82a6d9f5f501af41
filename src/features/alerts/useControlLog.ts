import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ControlAction } from '../../store/accountSlice';
import { useHearthStore } from '../../store/store';
import { controlActionWords, controlTargets } from './controlLogRows';

/** While the log is open, the server's control log is asked again this often. */
export const CONTROL_LOG_REFRESH_MS = 10_000;
/** The log shows this many of the newest control actions. */
export const CONTROL_LOG_SHOWN = 100;

/**
 * The Hearth server's control log (who switched what, from which screen), asked when the log
 * opens and every CONTROL_LOG_REFRESH_MS while it stays open. `available` is false without a
 * Hearth server (standalone): then there is nothing to ask and nothing changes. `problem` says
 * in words why the last question failed; the actions already shown stay.
 */
export function useControlLog(open: boolean): {
  available: boolean;
  actions: readonly ControlAction[];
  problem: string | null;
} {
  const client = useHearthStore((s) => s.accountsClient);
  const [actions, setActions] = useState<readonly ControlAction[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!open || client === null) return;
    const controller = new AbortController();
    let asking = false;
    const ask = async () => {
      if (asking) return;
      asking = true;
      const reply = await client.controlLog(CONTROL_LOG_SHOWN, controller.signal);
      asking = false;
      if (controller.signal.aborted) return;
      if (reply.ok) {
        setActions(reply.value);
        setProblem(null);
      } else {
        setProblem(`Commands could not be loaded: ${reply.reason}`);
      }
    };
    void ask();
    const timer = setInterval(() => void ask(), CONTROL_LOG_REFRESH_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [open, client]);

  return { available: client !== null, actions, problem };
}

/**
 * Each action in words, device names as the dashboard shows them (an action's topic mapped to a
 * known device's control). Read from the store as strings, so the log renders again only when
 * its words change, not with every reading.
 */
export function useControlActionWords(actions: readonly ControlAction[]): ReadonlyMap<ControlAction, string> {
  const topics = useMemo(() => new Set(actions.map((action) => action.topic)), [actions]);
  const words = useHearthStore(
    useShallow((s) => {
      if (actions.length === 0) return [];
      const targets = controlTargets(s.fleet.devices.values(), s.layout, topics);
      return actions.map((action) => controlActionWords(action, targets.get(action.topic)));
    }),
  );
  return useMemo(() => new Map(actions.map((action, i) => [action, words[i] ?? ''])), [actions, words]);
}
