import type { IncomingMessage } from 'node:http';
import type { Aedes, AuthenticateError, Client, PublishPacket } from 'aedes';
import type { AccountBook } from './accountBook.ts';
import {
  type BrokerIdentity,
  clientForLog,
  identityKey,
  logSafe,
  remoteAddressOf,
  sessionIdOf,
} from './brokerIdentity.ts';
import { createClientIds } from './clientIds.ts';
import { type CommandTopics, isCommandTopic, learnFromDiscovery } from './commandTopics.ts';
import type { Principal } from './principal.ts';
import { NO_REFUSALS, type RefusalHistory, recordRefusal } from './repeatedRefusals.ts';
import { type CloseClients, startSessionSweep } from './sessionSweep.ts';
import { mayPublish, maySubscribe } from './topicAccess.ts';
import { createUpgradeDoor } from './upgradeDoor.ts';

/**
 * The broker obeys the accounts: aedes's authenticate, authorizePublish and authorizeSubscribe
 * hooks ask accountBook.ts and topicAccess.ts, and WebSocket upgrades are admitted by the session
 * cookie before aedes sees them.
 *
 * Who a client is, decided once at CONNECT:
 * - over TCP (MQTT, MQTTS): an account's name and password, checked by `book.authenticate`
 *   (throttled per name and address, failures logged);
 * - over WebSocket: the session or screen behind the upgrade's cookie (`principalForUpgrade`),
 *   so the page never holds a broker password; the CONNECT's username and password are ignored;
 * - the server's own clients: publishes made in-process (`aedes.publish`, the recorder reads
 *   through `aedes.on('publish')`) never reach these hooks. The simulator connects over the
 *   WebSocket as any client does; `internalClient(name)` gives it a header carrying a secret
 *   made fresh at each start, which admits it as `internal`: trusted for every topic, because it
 *   speaks several conventions under several roots, which no one device prefix covers;
 * - with no accounts at all (loopback, or `--allow-anonymous`), everyone: the house is open.
 */

/** A publish a person (or anyone, in an open house) made to a command topic: for the control log. */
export interface ControlPublish {
  identity: BrokerIdentity;
  clientId: string;
  topic: string;
  payload: Uint8Array;
  retained: boolean;
}

export type UpgradeDecision = { ok: true } | { ok: false; status: 401 | 403; reason: string };

export interface BrokerAccessOptions {
  book: AccountBook;
  commandTopics: CommandTopics;
  /** One line per refusal, sign-in failure or disconnect; never a password. */
  log: (line: string) => void;
  /** The clock of the edge; tests pass a fake one. */
  now?: () => number;
  /**
   * Told every publish that reaches the broker from a person's client to a command topic (every
   * allowed publish of `control` and `owner`; in an open house, any client's publish to a
   * command topic), so it can be recorded with who, where and when.
   */
  onControl?: (publish: ControlPublish) => void;
}

export interface BrokerAccess {
  /**
   * Whether a WebSocket upgrade to /mqtt may go on, to be asked before aedes handles it: yes with
   * a live session or screen cookie (the request is marked with its principal), or the internal
   * header; with no accounts, yes for everyone; otherwise 401.
   */
  principalForUpgrade(request: IncomingMessage): UpgradeDecision;
  /** What the server's own client `name` sends so the upgrade admits it (mqtt.js `wsOptions.headers`). */
  internalClient(name: string): { headers: Record<string, string> };
  /** Closes the connections of these accounts: removed, or their password, role or prefix changed. */
  disconnectAccounts(names: readonly string[]): number;
  /** Closes the WebSocket connections opened by one session or screen (signed out, or removed). */
  disconnectSession(sessionId: string): number;
  /** Closes every client admitted while the house was open: its first account was just added. */
  disconnectOpenClients(): number;
  /** Stops the periodic check of WebSocket sessions. */
  stop(): void;
  /** Who a connected client is, or null before it is authenticated. */
  identityOf(client: Client): BrokerIdentity | null;
}

const NOT_AUTHORIZED = 5;

/** Sets aedes's authenticate, authorizePublish and authorizeSubscribe from the accounts. */
export function attachBrokerAccess(
  broker: Aedes,
  { book, commandTopics, log, now = Date.now, onControl }: BrokerAccessOptions,
): BrokerAccess {
  const door = createUpgradeDoor(book, now);
  const upgrades = new WeakMap<IncomingMessage, BrokerIdentity>();
  const identities = new WeakMap<Client, BrokerIdentity>();
  const refusals = new WeakMap<Client, RefusalHistory>();
  // Publishes refused but acknowledged (MQTT 3.1.1 §3.3.5: the server either acknowledges a
  // publish it does not authorise or closes the connection); broker.publish skips them.
  const dropped = new WeakSet<object>();
  const clientIds = createClientIds();
  const closing = new WeakSet<Client>();

  broker.authenticate = (client, username, password, done) => {
    const refuse = (reason: string) => {
      log(`MQTT sign-in refused for ${describeClient(client)}: ${reason}`);
      const error = new Error(reason) as AuthenticateError;
      error.returnCode = NOT_AUTHORIZED as AuthenticateError['returnCode'];
      done(error, false);
    };
    const admit = (identity: BrokerIdentity) => {
      const owner = identityKey(identity);
      const id = client.id ?? '';
      const connected = (broker as unknown as { clients: Record<string, Client> }).clients[id];
      const connectedAs = connected === undefined ? undefined : identities.get(connected);
      const claimed = clientIds.claim({
        id,
        owner,
        clean: (client as unknown as { clean?: boolean }).clean === true,
        connectedAs: connectedAs === undefined ? undefined : identityKey(connectedAs),
        exists: (key) => key === 'internal' || book.has(key.slice(key.indexOf(':') + 1)),
      });
      if (!claimed.ok) return refuse(`the client id "${logSafe(id)}" cannot be used: ${claimed.reason}`);
      // aedes holds the CONNECT's will in `_will` until the client is authenticated. A person's
      // will on a command topic would switch a device whenever the screen drops: it is dropped.
      const pending = client as unknown as { _will?: { topic?: string } | null };
      const willTopic = pending._will?.topic;
      if (
        identity.kind === 'principal' &&
        identity.principal.kind === 'account' &&
        typeof willTopic === 'string' &&
        isCommandTopic(commandTopics, willTopic)
      ) {
        log(
          `MQTT Last Will of ${describeClient(client)} on "${logSafe(willTopic)}" dropped: a person's will is no command.`,
        );
        pending._will = null;
      }
      identities.set(client, identity);
      done(null, true);
    };
    const admitted = client.req === undefined ? undefined : upgrades.get(client.req);
    if (admitted !== undefined)
      return admit(
        admitted.kind === 'internal' ? { kind: 'internal', name: username ?? 'internal' } : admitted,
      );
    if (client.req !== undefined && !book.isOpen())
      return refuse('a WebSocket connection needs a signed-in session');
    if (book.isOpen()) return admit({ kind: 'open' });
    if (username === undefined || username.length === 0 || password === undefined)
      return refuse('anonymous clients are not allowed; sign in with an account name and password');
    book.authenticate(username, password.toString('utf8'), remoteAddressOf(client), now()).then(
      (result) => {
        if (!result.ok) return refuse(`"${logSafe(username)}": ${result.reason}`);
        admit({ kind: 'principal', principal: book.principalOf(result.account), via: { kind: 'password' } });
      },
      (error: Error) => refuse(`the account check failed (${error.message})`),
    );
  };

  broker.authorizePublish = (client, packet, done) => {
    const identity = client === null ? null : (identities.get(client) ?? null);
    if (identity === null) {
      // A Last Will of a client this broker no longer knows: nobody to vouch for it.
      dropped.add(packet);
      return done(null);
    }
    if (identity.kind !== 'principal') {
      learn(packet, identity.kind === 'internal' ? { kind: 'broker' } : null);
      if (identity.kind === 'open' && client !== null && isCommandTopic(commandTopics, packet.topic))
        control(identity, client, packet);
      return done(null);
    }
    const decision = mayPublish(identity.principal, packet.topic, commandTopics);
    if (decision.ok) {
      learn(packet, identity.principal);
      if (identity.principal.kind === 'account' && client !== null) {
        // A person's command is for now: retained, it would switch the device again at each
        // reconnect, long after. An empty retained publish still clears a stale one.
        if (packet.retain && packet.payload.length > 0) packet.retain = false;
        control(identity, client, packet);
      }
      return done(null);
    }
    dropped.add(packet);
    log(`MQTT publish dropped from ${describeClient(client)}: ${decision.reason}`);
    // A Last Will comes as the client goes: dropping it is all there is to do.
    if (client === null || packet === (client as unknown as { will?: unknown }).will) return done(null);
    if (closing.has(client)) return done(null);
    const counted = recordRefusal(refusals.get(client) ?? NO_REFUSALS, now());
    refusals.set(client, counted.history);
    if (counted.disconnect) {
      log(
        `MQTT client ${describeClient(client)} disconnected after ${counted.refusalsInWindow} refused publishes.`,
      );
      closing.add(client);
      client.close();
    }
    done(null);
  };

  // aedes calls publish(packet, client, done) from a client and publish(packet, done) in-process;
  // its types know only the second.
  const publish = broker.publish.bind(broker) as (...args: unknown[]) => void;
  (broker as unknown as { publish: (...args: unknown[]) => void }).publish = (packet, ...rest) => {
    const done = rest.at(-1);
    if (dropped.has(packet as object) && typeof done === 'function') return done();
    publish(packet, ...rest);
  };

  broker.authorizeSubscribe = (client, subscription, done) => {
    const identity = identities.get(client);
    if (identity === undefined) return done(null, null);
    if (identity.kind !== 'principal') return done(null, subscription);
    const decision = maySubscribe(identity.principal, subscription.topic, commandTopics);
    if (decision.ok) return done(null, subscription);
    log(`MQTT subscription refused for ${describeClient(client)}: ${decision.reason}`);
    // A null subscription makes aedes answer this filter with SUBACK 0x80 and keep the others.
    done(null, null);
  };

  function control(identity: BrokerIdentity, client: Client, packet: PublishPacket): void {
    if (onControl === undefined) return;
    // A Last Will is the client's going, not an action of the person.
    if (packet === (client as unknown as { will?: unknown }).will) return;
    onControl({
      identity,
      clientId: client.id ?? '',
      topic: packet.topic,
      payload: typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload,
      retained: packet.retain,
    });
  }

  function learn(packet: PublishPacket, source: Principal | { kind: 'broker' } | null): void {
    if (source === null) return;
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    const outcome = learnFromDiscovery(commandTopics, packet.topic, payload, source);
    if (outcome.kind === 'untrusted' || outcome.kind === 'unreadable' || outcome.kind === 'full')
      log(`Discovery config "${logSafe(packet.topic)}" not taken in: ${outcome.reason}`);
  }

  function describeClient(client: Client | null): string {
    return clientForLog(client, client === null ? undefined : identities.get(client));
  }

  const closeClients: CloseClients = (shouldClose, why) => {
    let closed = 0;
    // aedes types leave out its table of connected clients.
    const connected = (broker as unknown as { clients: Record<string, Client> }).clients;
    for (const client of Object.values(connected)) {
      const identity = identities.get(client);
      if (identity === undefined || !shouldClose(identity)) continue;
      log(`MQTT client ${describeClient(client)} disconnected: ${why}.`);
      client.close();
      closed += 1;
    }
    return closed;
  };

  const stopSweep = startSessionSweep(book.sessions, now, closeClients);

  return {
    principalForUpgrade(request) {
      const admission = door.admit(request);
      if (!admission.ok) return admission;
      upgrades.set(request, admission.identity);
      return { ok: true };
    },

    internalClient: door.internalClient,

    disconnectAccounts(names) {
      const gone = new Set(names);
      return closeClients(
        (identity) => identity.kind === 'principal' && gone.has(identity.principal.name),
        'its account was removed or changed',
      );
    },

    disconnectSession: (sessionId) =>
      closeClients((identity) => sessionIdOf(identity) === sessionId, 'its session ended'),

    disconnectOpenClients: () =>
      closeClients((identity) => identity.kind === 'open', 'the house has accounts now'),

    stop: stopSweep,

    identityOf: (client) => identities.get(client) ?? null,
  };
}
