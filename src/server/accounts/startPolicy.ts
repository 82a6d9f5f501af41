import { DEFAULT_SERVER_OPTIONS, isLoopbackHost } from '../options.ts';

/** What the server knows before it starts anything: where it listens and who may come in. */
export interface StartFacts {
  /** The address HTTP and MQTT bind to, as given (`--host`). */
  host: string;
  /** Accounts in the data directory's accounts.json; 0 when it is missing. */
  accountCount: number;
  /** `--allow-anonymous` (or HEARTH_ALLOW_ANONYMOUS=1). */
  allowAnonymous: boolean;
  /** Whether a certificate and key were given (`--tls-cert`, `--tls-key`). */
  tls: boolean;
  /** Whether plain MQTT over TCP (1883) is on: under TLS it still takes passwords in clear. */
  plainMqtt?: boolean;
  /** The data directory as the server uses it, repeated in the command that adds an account. */
  dataDir: string;
}

/**
 * How the server starts. `open-local`: loopback, no accounts, as a person's own machine always
 * was. `accounts`: everyone signs in; `cleartextWarning` when the passwords would cross the
 * network unencrypted, `notice` when --allow-anonymous was given but accounts overrule it.
 * `open-warned`: beyond loopback with no accounts on purpose, the warning printed on every start.
 * `refuse`: do not start; `message` says why and what to do (exit 78, EX_CONFIG).
 */
export type StartPolicy =
  | { kind: 'open-local' }
  | { kind: 'accounts'; cleartextWarning: string | null; notice: string | null }
  | { kind: 'open-warned'; warning: string }
  | { kind: 'refuse'; message: string };

/**
 * Decides the start as Mosquitto 2 does for a network listener: no anonymous clients unless
 * told to. Loopback (127.0.0.0/8, ::1, localhost) with no accounts stays open, since only this
 * machine can reach it; any other address with no accounts is refused unless `allowAnonymous`.
 * Accounts always win: with them nobody comes in without signing in, whatever the flags.
 */
export function startPolicy(facts: StartFacts): StartPolicy {
  const local = isLoopbackHost(facts.host);
  if (facts.accountCount > 0) {
    return {
      kind: 'accounts',
      cleartextWarning: local
        ? null
        : !facts.tls
          ? `Warning: Hearth listens on ${facts.host} without TLS, so passwords cross the network in clear: ` +
            'add --tls-cert/--tls-key, see README.'
          : facts.plainMqtt === true
            ? 'Warning: plain MQTT on TCP is still on beside MQTTS, so a device signing in there sends its ' +
              'password in clear: move devices to MQTTS and give --mqtt-port 0.'
            : null,
      notice: facts.allowAnonymous
        ? '--allow-anonymous has no effect: accounts exist, so everyone signs in.'
        : null,
    };
  }
  if (local) return { kind: 'open-local' };
  const addOwner = addOwnerCommand(facts.dataDir);
  if (!facts.allowAnonymous) {
    return {
      kind: 'refuse',
      message: [
        `Hearth will not start on ${facts.host} with no accounts: anyone on your network could open the`,
        'dashboard and switch your devices through its MQTT broker.',
        'Add the first account, an owner (it asks for the password twice), then start again:',
        `  ${addOwner}`,
        'Or, to serve the house open to anyone on the network on purpose, start with --allow-anonymous.',
        'On this machine alone (--host 127.0.0.1) no account is needed.',
      ].join('\n'),
    };
  }
  return {
    kind: 'open-warned',
    warning: [
      '!!! WARNING: Hearth is open to anyone on your network. !!!',
      `!!! It listens on ${facts.host} with --allow-anonymous and no accounts: anyone who can reach`,
      '!!! this machine can open the dashboard, read every message and switch your devices, over',
      '!!! the web page or MQTT, without a password.',
      '!!! To lock it, add an owner and start without --allow-anonymous:',
      `!!!   ${addOwner}`,
    ].join('\n'),
  };
}

/**
 * The refusal when accounts.json exists but cannot be read or is not valid: starting as if it
 * were empty would open a house its owner locked. `reason` comes from loadAccounts and names
 * the file.
 */
export function refuseUnreadableAccounts(reason: string): StartPolicy {
  return {
    kind: 'refuse',
    message: `${reason}\nHearth will not start without knowing who may come in; fix or restore the file, then start again.`,
  };
}

/** `npm run user -- add NAME --role owner`, on the server's data directory unless it is the default. */
function addOwnerCommand(dataDir: string): string {
  const command = 'npm run user -- add NAME --role owner';
  return dataDir === DEFAULT_SERVER_OPTIONS.dataDir ? command : `${command} --data-dir ${shellWord(dataDir)}`;
}

/** `text` as one word of a POSIX shell command line, quoted only when it needs to be. */
function shellWord(text: string): string {
  return /^[\w./:@%+=,-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}
