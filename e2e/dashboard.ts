import { expect, type Locator, type Page } from '@playwright/test';

/** How the dashboard marks what a user sees, in one place so specs read as the user would say it. */

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'error';
export type DeviceStatus = 'online' | 'offline' | 'stale' | 'unknown';
export type AlertKind = 'offline' | 'stale' | 'threshold' | 'battery';
export type SwitchState = 'on' | 'off' | 'pending' | 'unknown';

/** The connection indicator. */
export function connectionIndicator(page: Page): Locator {
  return page.locator('[data-connection]');
}

export function expectConnection(page: Page, state: ConnectionState, options?: { timeout?: number }) {
  return expect(connectionIndicator(page)).toHaveAttribute('data-connection', state, options);
}

export function deviceCard(page: Page, device: string): Locator {
  return page.locator(`[data-device-id="${cssString(device)}"]`);
}

export function metric(card: Locator, name: string): Locator {
  return card.locator(`[data-metric="${cssString(name)}"]`);
}

/**
 * Waits for a card to show this number for a metric (by its `data-metric` handle), as the card
 * rounds it to the reading's decimals: 21.5 reads "21.5" or "21.50", 63 "63" or "63.0", and -0.5
 * on a reading shown without decimals "-1". Values are in the displayed unit.
 */
export function expectMetric(card: Locator, name: string, value: number) {
  return expect(metric(card, name), `${name} on the card`).toHaveText(displayedNumberPattern(value));
}

/** A number as a card may print it: rounded to 0 to 6 decimals, never "-0". */
export function displayedNumberPattern(value: number): RegExp {
  const texts = new Set<string>();
  for (let decimals = 0; decimals <= 6; decimals++) {
    const text = value.toFixed(decimals);
    texts.add(Number(text) === 0 ? (0).toFixed(decimals) : text);
  }
  const escaped = [...texts].map((t) => t.replace('.', '\\.').replace('-', '[-\u2212]'));
  return new RegExp(`^\\s*(${escaped.join('|')})\\s*$`);
}

/** Waits for the unit printed beside a metric's number: exactly this unit ("W" is not "kWh"). */
export function expectUnit(card: Locator, name: string, unit: string) {
  return expect(metric(card, name).locator('xpath=../*[@data-unit]'), `unit of ${name}`).toHaveText(unit);
}

/** The name a card is headed with: the one the device announced, else its id. */
export function deviceName(card: Locator): Locator {
  return card.getByRole('heading');
}

/** An on/off control on a card, by the control's id (`POWER` for a Tasmota relay). */
export function switchControl(card: Locator, control: string): Locator {
  return card.locator(`[role="switch"][data-control="${cssString(control)}"]`);
}

export function expectSwitchState(control: Locator, state: SwitchState, options?: { timeout?: number }) {
  return expect(control, 'state of the switch').toHaveAttribute('data-control-state', state, options);
}

/** A number control's input (a set point), by the control's id. */
export function numberControl(card: Locator, control: string): Locator {
  return card.locator(`input[data-control="${cssString(control)}"]`);
}

/** Short messages at the bottom of the page ("Kitchen plug did not confirm…"). */
export function notices(page: Page): Locator {
  return page.locator('[data-notice]');
}

/** The form for publishing any message, inside its "Publish a message" panel. */
export function publishForm(page: Page): Locator {
  return page.locator('[data-publish-form]');
}

/**
 * The chart of one quantity for every device, whatever its convention (`temperature`,
 * `illuminance`, `switch`; the native name for a reading of no known quantity); `data-points` is
 * how many points it draws.
 */
export function chart(page: Page, quantity: string): Locator {
  return page.locator(`[data-chart="${cssString(quantity)}"]`);
}

/** The names of the devices a chart draws, as its legend writes them (whole, before clipping). */
export function chartLegendNames(chartElement: Locator): Locator {
  return chartElement.locator('[data-series-device]');
}

export async function chartPoints(chartElement: Locator): Promise<number> {
  const points = await chartElement.getAttribute('data-points');
  return points === null ? Number.NaN : Number(points);
}

/** The line "3 unreadable messages" on a device's card. */
export function unreadableCount(card: Locator): Locator {
  return card.locator('[data-invalid-count]');
}

export function expectUnreadableCount(card: Locator, count: number) {
  return expect(unreadableCount(card), 'unreadable message count').toHaveText(unreadableText(count));
}

/** "1 unreadable message", "3 unreadable messages", and not "13 unreadable messages" for 3. */
export function unreadableText(count: number): RegExp {
  return new RegExp(`(^|\\D)${count} unreadable messages?\\b`);
}

/** The number of unreadable messages a card shows now; 0 when it shows none. */
export async function readUnreadableCount(card: Locator): Promise<number> {
  if ((await unreadableCount(card).count()) === 0) return 0;
  const match = /(\d+) unreadable/.exec((await unreadableCount(card).textContent()) ?? '');
  return match ? Number(match[1]) : Number.NaN;
}

/** Active alerts, optionally only those of one kind about one device. */
export function activeAlerts(page: Page, filter: { kind?: AlertKind; device?: string } = {}): Locator {
  let selector = '[data-alert]';
  if (filter.kind) selector += `[data-alert-kind="${filter.kind}"]`;
  if (filter.device !== undefined) selector += `[data-alert-device="${cssString(filter.device)}"]`;
  return page.locator(selector);
}

/** Resolved alerts in the alert log (open it first), optionally only those of one kind about one device. */
export function loggedAlerts(page: Page, filter: { kind?: AlertKind; device?: string } = {}): Locator {
  const log = page.getByRole('list', { name: 'Resolved alerts' });
  let entries = log.locator(filter.kind ? `[data-alert-log="${filter.kind}"]` : '[data-alert-log]');
  if (filter.device !== undefined)
    entries = entries.filter({ has: page.locator(`[title="${cssString(filter.device)}"]`) });
  return entries;
}

/** The line "Offline, showing data from 14:32." shown while what is on screen is not live; `data-data-age` is its epoch ms. */
export function dataAgeNote(page: Page): Locator {
  return page.locator('[data-data-age]');
}

/** The "a new version is ready" prompt. */
export function updatePrompt(page: Page): Locator {
  return page.locator('[data-update-ready]');
}

/** The page's root in kiosk mode, for a wall tablet; absent otherwise. */
export function kioskLayout(page: Page): Locator {
  return page.locator('[data-kiosk]');
}

/** One device full screen, opened by tapping its card. */
export function deviceDetail(page: Page, device: string): Locator {
  return page.locator(`[data-device-detail="${cssString(device)}"]`);
}

/** Matches a number as a person would read it: 21.5 matches "21.5" and "21.50", 63 matches "63" and "63.0". */
export function numberPattern(value: number): RegExp {
  const [whole, fraction] = Math.abs(value).toString().split('.');
  const sign = value < 0 ? '[-\u2212]' : '';
  const decimals = fraction === undefined ? '(\\.0+)?' : `\\.${fraction}0*`;
  return new RegExp(`^\\s*${sign}${whole}${decimals}\\s*$`);
}

/** Escapes text for a double-quoted CSS attribute value. */
function cssString(text: string): string {
  return text.replace(/["\\]/g, '\\$&');
}
