import type { FixtureMessage } from '../../src/core/conventions/fixtures/message.ts';
import type { Broker } from '../fixtures.ts';

/** Old name → new name, replaced wherever it occurs. */
export type Renames = Readonly<Record<string, string>>;

/**
 * A fixture message of the core with device names replaced everywhere they occur, topic and
 * payload alike (a Home Assistant config names its state topic and device identifier inside its
 * JSON), so that each test has devices of its own and its retained messages reach no other test.
 */
export function renamed(message: FixtureMessage, names: Renames): FixtureMessage {
  const rename = (text: string) =>
    Object.entries(names).reduce((result, [from, to]) => result.replaceAll(from, to), text);
  return { ...message, topic: rename(message.topic), payload: rename(message.payload) };
}

/** Every message of a fixture set, renamed; the keys stay as the core names them. */
export function renamedFixtures<Key extends string>(
  fixtures: Readonly<Record<Key, FixtureMessage>>,
  names: Renames,
): Record<Key, FixtureMessage> {
  const entries = Object.entries<FixtureMessage>(fixtures).map(([key, message]) => [
    key,
    renamed(message, names),
  ]);
  return Object.fromEntries(entries) as Record<Key, FixtureMessage>;
}

/** Publishes messages in order, each retained only if the device would retain it. */
export async function publishAll(broker: Broker, messages: readonly FixtureMessage[]): Promise<void> {
  for (const message of messages) {
    await broker.publish(message.topic, message.payload, { retain: message.retained ?? false });
  }
}
