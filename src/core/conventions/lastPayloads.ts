import { PAYLOAD_MAX_BYTES } from '../payload';
import { type LastPayloads, MEMORY_LIMITS } from './memory';

/**
 * Keeps `payload` as the last one of `topic`, forgetting the oldest topics past
 * MEMORY_LIMITS.lastPayloadTopics or lastPayloadBytes. An empty payload (how a retained message is
 * cleared) or one too large to read forgets the topic: the broker holds nothing readable there.
 * Returns the limit in words the first time it makes the store forget, else null.
 */
export function rememberPayload(store: LastPayloads, topic: string, payload: Uint8Array): string | null {
  const previous = store.byTopic.get(topic);
  if (previous !== undefined) {
    store.byTopic.delete(topic);
    store.bytes -= previous.byteLength + topic.length;
  }
  if (payload.byteLength === 0 || payload.byteLength > PAYLOAD_MAX_BYTES) return null;
  // A copy: the payload may be a view into the socket's larger buffer, which it would keep alive.
  store.byTopic.set(topic, new Uint8Array(payload));
  store.bytes += payload.byteLength + topic.length;

  let forgot = false;
  while (
    store.byTopic.size > MEMORY_LIMITS.lastPayloadTopics ||
    store.bytes > MEMORY_LIMITS.lastPayloadBytes
  ) {
    const oldest = store.byTopic.entries().next().value;
    if (oldest === undefined) break;
    store.byTopic.delete(oldest[0]);
    store.bytes -= oldest[1].byteLength + oldest[0].length;
    forgot = true;
  }
  if (!forgot || store.limitSaid) return null;
  store.limitSaid = true;
  return (
    `more than ${MEMORY_LIMITS.lastPayloadTopics} topics or ` +
    `${MEMORY_LIMITS.lastPayloadBytes / 1024 / 1024} MiB of payloads: the oldest are forgotten, so a ` +
    'Home Assistant device announced after them shows their values only when they are published again'
  );
}
