import path from 'node:path';
import { type AccountBook, openAccountBook } from './accounts/accountBook.ts';
import { loadAccounts } from './accounts/accountFile.ts';
import type { BrokerAccess } from './accounts/brokerAccess.ts';
import { createCommandTopics } from './accounts/commandTopics.ts';
import { type ControlLog, controlActionOf } from './accounts/controlLog.ts';
import { refuseUnreadableAccounts, startPolicy } from './accounts/startPolicy.ts';
import { BrokerPersistenceError, createEmbeddedBroker, type EmbeddedBroker } from './broker.ts';
import { hostPort } from './listenAddress.ts';
import { isLoopbackHost, type ServerOptions } from './options.ts';
import { type LoadedTls, loadTlsFiles } from './tlsFrontDoor.ts';

/**
 * The start-up steps that decide who may come in: the start policy, the certificate, the account
 * book, and the broker that obeys it. Each ends a start it cannot make safe, in words.
 */

/** A start refused for its configuration (EX_CONFIG from sysexits.h), as a service manager reads it. */
export const EXIT_CONFIG = 78;

/**
 * Before anything listens: refuse a start that would open the house to the network (exit 78), or
 * print why this start is allowed with a warning. Accounts are only counted here.
 */
export async function enforceStartPolicy(options: ServerOptions): Promise<void> {
  const accounts = await loadAccounts(options.dataDir);
  const policy = accounts.ok
    ? startPolicy({
        host: options.host,
        accountCount: accounts.accounts.length,
        allowAnonymous: options.allowAnonymous,
        tls: options.tls !== null,
        plainMqtt: options.mqttPort !== 'off' && !options.externalBroker,
        dataDir: options.dataDir,
      })
    : refuseUnreadableAccounts(accounts.reason);
  switch (policy.kind) {
    case 'refuse':
      console.error(policy.message);
      process.exit(EXIT_CONFIG);
      break;
    case 'open-warned':
      console.error(policy.warning);
      break;
    case 'accounts':
      for (const line of [policy.notice, policy.cleartextWarning]) if (line) console.error(line);
      break;
    case 'open-local':
      break;
  }
}

/**
 * The account book, kept open while Hearth runs: it follows accounts.json, so adding the first
 * account locks a running server (no accounts: the house is open, as the start policy allowed).
 */
export async function openAccounts(
  options: ServerOptions,
  onAccountsChanged: (names: string[]) => void,
  onOpenChanged: (open: boolean) => void,
  onSessionRevoked: (id: string) => void,
): Promise<AccountBook> {
  const opened = await openAccountBook(options.dataDir, {
    log: (line) => console.error(line),
    onAccountsChanged,
    onOpenChanged,
    onSessionRevoked,
    // As the start policy decided: on the network, removing the last account locks the house.
    openWhenEmpty: isLoopbackHost(options.host) || options.allowAnonymous,
  });
  if (opened.ok) return opened.book;
  console.error(opened.reason);
  process.exit(EXIT_CONFIG);
}

/** What the account book tells the broker of its changes. */
export interface AccountFollowers {
  accountsChanged(names: string[]): void;
  openChanged(open: boolean): void;
  sessionRevoked(id: string): void;
}

/** Before the broker is open there is nobody to tell. */
export const NOBODY_FOLLOWS: AccountFollowers = {
  accountsChanged: () => {},
  openChanged: () => {},
  sessionRevoked: () => {},
};

/**
 * Has the broker follow the accounts: the clients of an account removed or changed are closed;
 * the first account locks the house, so whoever came in while it was open signs in again; and a
 * signed-out or removed session's WebSocket goes with it, whoever ended it.
 */
export function brokerFollowsAccounts(access: BrokerAccess): AccountFollowers {
  return {
    accountsChanged: (names) => access.disconnectAccounts(names),
    openChanged: (open) => {
      if (!open) access.disconnectOpenClients();
    },
    sessionRevoked: (id) => void access.disconnectSession(id),
  };
}

/**
 * The certificate and key under --tls-cert/--tls-key, read and checked before anything listens;
 * a file that cannot be read or a pair that does not match ends the start in words (exit 78).
 */
export async function readTls(options: ServerOptions): Promise<(LoadedTls & { ok: true }) | null> {
  if (options.tls === null) return null;
  const loaded = await loadTlsFiles(options.tls);
  if (loaded.ok) return loaded;
  console.error(loaded.reason);
  process.exit(EXIT_CONFIG);
}

/**
 * The embedded broker, keeping its retained messages and sessions in the data directory, and
 * obeying the accounts: with none it admits everyone (as the start policy allowed).
 */
export async function startBroker(
  options: ServerOptions,
  book: AccountBook,
  controlLog: ControlLog,
): Promise<EmbeddedBroker> {
  const commandTopics = createCommandTopics({ extraCommandTopics: options.commandTopics });
  // Checked when the options were read; a refusal here would be a bug, said as such.
  if (!commandTopics.ok) throw new Error(commandTopics.reason);
  try {
    return await createEmbeddedBroker({
      persistenceDir: path.join(options.dataDir, 'broker'),
      access: {
        book,
        commandTopics: commandTopics.commandTopics,
        log: (line) => console.error(line),
        onControl: (publish) => {
          const action = controlActionOf(publish);
          if (action !== null) controlLog.record(action);
        },
      },
    });
  } catch (error) {
    if (!(error instanceof BrokerPersistenceError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** Opens MQTT over TLS under --tls-cert unless --mqtts-port 0; returns its part of the summary line. */
export async function startTlsListener(
  broker: EmbeddedBroker,
  options: ServerOptions,
  tls: { cert: Buffer; key: Buffer },
): Promise<string> {
  if (options.mqttsPort === 'off') return 'mqtts off';
  const result = await broker.listenTls(options.mqttsPort, options.host, { cert: tls.cert, key: tls.key });
  if (result.ok) return `mqtts ${hostPort(result.host, result.port)}`;
  const why = result.reason === 'port-in-use' ? 'is already in use' : `is unavailable (${result.message})`;
  console.log(
    `MQTT over TLS: port ${options.mqttsPort} ${why}; going on without it (pick another with --mqtts-port).`,
  );
  return 'mqtts off';
}
