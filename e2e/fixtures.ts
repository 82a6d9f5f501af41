import { randomBytes } from 'node:crypto';
import { test as base, expect } from '@playwright/test';
import { type HearthServer, startHearthServer } from './support/hearthServer.ts';
import { findMosquitto, type MosquittoBroker, startMosquitto } from './support/mosquittoBroker.ts';
import {
  type DeviceConnection,
  type LastWill,
  openMqttSession,
  type PublishOptions,
} from './support/mqttSession.ts';

export type BrokerKind = 'embedded' | 'mosquitto';

/** Chosen per Playwright project: which broker the dashboard and the devices talk through. */
export interface HearthWorkerOptions {
  brokerKind: BrokerKind;
}

interface HearthWorkerFixtures extends HearthWorkerOptions {
  /** This worker's Hearth server, on its own free ports. */
  hearth: HearthServer;
  /** This worker's Mosquitto in the mosquitto project; undefined otherwise (or when it is not installed). */
  mosquitto: MosquittoBroker | undefined;
}

/** The broker of the current project, as the test sees it. */
export interface Broker {
  readonly kind: BrokerKind;
  /** The dashboard's address with these URL parameters, pointed at this broker unless `broker` is given. */
  pageUrl(params?: Record<string, string | number>): string;
  /** Publishes from a test client over TCP; QoS 1 unless told otherwise. */
  publish(topic: string, payload: string | Buffer, options?: PublishOptions): Promise<void>;
  /** A separate client for device `name`, with a Last Will (`offline`, retained, on its status topic, unless given). */
  connectDevice(name: string, options?: { will?: LastWill | false }): Promise<DeviceConnection>;
  /**
   * Stops the broker (embedded: the whole Hearth server; mosquitto: mosquitto), runs `whileDown`,
   * and starts it again on the same ports. The embedded broker keeps its retained messages and
   * persistent sessions in the server's data directory; the tests' Mosquitto keeps nothing.
   */
  restartBroker(options?: { whileDown?: () => Promise<void> }): Promise<void>;
}

/** What went wrong inside the page during a test; any entry fails the test. */
export interface PageProblems {
  /** Uncaught exceptions and unhandled rejections. */
  errors: string[];
  /** alert(), confirm() and prompt() calls, which the dashboard never makes. */
  dialogs: string[];
}

interface HearthTestFixtures {
  broker: Broker;
  pageProblems: PageProblems;
}

export const test = base.extend<HearthTestFixtures, HearthWorkerFixtures>({
  brokerKind: ['embedded', { scope: 'worker', option: true }],

  hearth: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const server = await startHearthServer();
      try {
        await use(server);
      } finally {
        await server.stop();
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  mosquitto: [
    async ({ brokerKind }, use) => {
      if (brokerKind !== 'mosquitto') return use(undefined);
      const executable = findMosquitto();
      if ('searched' in executable) {
        if (process.env.HEARTH_REQUIRE_MOSQUITTO === '1') {
          throw new Error(
            `HEARTH_REQUIRE_MOSQUITTO=1 but mosquitto is not at ${executable.searched.join(', ')}. ` +
              'Install it (apt-get install -y mosquitto) or point MOSQUITTO_PATH at it.',
          );
        }
        return use(undefined);
      }
      const broker = await startMosquitto(executable.found);
      try {
        await use(broker);
      } finally {
        await broker.stop();
      }
    },
    { scope: 'worker', timeout: 30_000 },
  ],

  broker: async ({ brokerKind, hearth, mosquitto }, use, testInfo) => {
    if (brokerKind === 'mosquitto' && mosquitto === undefined) {
      testInfo.skip(
        true,
        'mosquitto is not installed (set HEARTH_REQUIRE_MOSQUITTO=1 to make this a failure)',
      );
      return;
    }
    const target = mosquitto ?? hearth;
    const session = await openMqttSession(target.tcpUrl);
    try {
      await use({
        kind: brokerKind,
        pageUrl(params = {}) {
          const url = new URL(hearth.pageUrl);
          // Without ?broker= the dashboard uses its own origin's /mqtt, which is the embedded broker.
          if (mosquitto !== undefined) url.searchParams.set('broker', mosquitto.wsUrl);
          for (const [name, value] of Object.entries(params)) url.searchParams.set(name, String(value));
          return url.toString();
        },
        publish: session.publish,
        connectDevice: session.connectDevice,
        async restartBroker({ whileDown } = {}) {
          await target.restart(whileDown);
          await session.reconnected();
        },
      });
    } finally {
      await session.close();
    }
  },

  // The page depends on the broker so that it closes first: clearing retained messages at the
  // end of a test must not reach a page that is still being checked.
  page: async ({ page, broker: _ }, use) => {
    await use(page);
  },

  pageProblems: [
    async ({ page }, use) => {
      const problems: PageProblems = { errors: [], dialogs: [] };
      page.on('pageerror', (error) => problems.errors.push(error.stack ?? error.message));
      page.on('dialog', (dialog) => {
        problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        dialog.dismiss().catch(() => {});
      });
      await use(problems);
      expect(problems.errors, 'errors thrown in the page').toEqual([]);
      expect(problems.dialogs, 'dialogs opened by the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** A device name no other test uses, so retained messages from one test never show up in another. */
export function uniqueDeviceName(base: string): string {
  return `${base}-${randomBytes(3).toString('hex')}`;
}
