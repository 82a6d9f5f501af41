import type { PageKind } from './options.ts';
import type { BrokerEndpoints } from './services.ts';

/** A page to measure: where it is, and where it shows the marker topic's value. */
export interface PageTarget {
  kind: PageKind;
  url: string;
  markerSelector: string;
}

/**
 * The dashboard with its bench counters on, reading `broker` (its own /mqtt unless Mosquitto),
 * with `extraParams` (`kiosk=1&worker=0`) to compare configurations.
 */
export function hearthTarget(pageUrl: string, broker: BrokerEndpoints, extraParams = ''): PageTarget {
  const url = new URL(pageUrl);
  for (const [name, value] of new URLSearchParams(extraParams)) url.searchParams.set(name, value);
  url.searchParams.set('bench', '1');
  if (broker.kind !== 'aedes') url.searchParams.set('broker', broker.wsUrl);
  return {
    kind: 'hearth',
    url: url.toString(),
    markerSelector: '[data-device-id="dev0"] [data-metric="temperature"]',
  };
}

/** The bare MQTT.js page: the most any page could keep up with on this machine and broker. */
export function limitTarget(pageUrl: string, broker: BrokerEndpoints): PageTarget {
  const url = new URL(pageUrl);
  url.searchParams.set('broker', broker.wsUrl);
  return { kind: 'limit', url: url.toString(), markerSelector: '[data-marker]' };
}
