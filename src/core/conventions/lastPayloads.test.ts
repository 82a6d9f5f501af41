import { describe, expect, it } from 'vitest';
import { PAYLOAD_MAX_BYTES } from '../payload';
import { rememberPayload } from './lastPayloads';
import { createConventionMemory, type LastPayloads, MEMORY_LIMITS } from './memory';

const encoder = new TextEncoder();
const text = (bytes: Uint8Array | undefined) =>
  bytes === undefined ? undefined : new TextDecoder().decode(bytes);
const fresh = (): LastPayloads => createConventionMemory().lastPayloads;

describe('last payloads', () => {
  it('keeps the last payload of each topic', () => {
    const store = fresh();
    rememberPayload(store, 'tele/bathroom/LWT', encoder.encode('Online'));
    rememberPayload(store, 'tele/bathroom/LWT', encoder.encode('Offline'));
    expect(text(store.byTopic.get('tele/bathroom/LWT'))).toBe('Offline');
    expect(store.bytes).toBe('Offline'.length + 'tele/bathroom/LWT'.length);
  });

  it('forgets a topic whose retained message was cleared with an empty payload', () => {
    const store = fresh();
    rememberPayload(store, 'tele/bathroom/LWT', encoder.encode('Online'));
    rememberPayload(store, 'tele/bathroom/LWT', new Uint8Array());
    expect(store.byTopic.has('tele/bathroom/LWT')).toBe(false);
    expect(store.bytes).toBe(0);
  });

  it('forgets a topic whose last payload is too large to read', () => {
    const store = fresh();
    rememberPayload(store, 'cam/front/snapshot', encoder.encode('{}'));
    rememberPayload(store, 'cam/front/snapshot', new Uint8Array(PAYLOAD_MAX_BYTES + 1));
    expect(store.byTopic.size).toBe(0);
  });

  it('keeps a copy, not a view into the socket buffer', () => {
    const store = fresh();
    const socketBuffer = encoder.encode('xxOnlinexx');
    rememberPayload(store, 'tele/bathroom/LWT', socketBuffer.subarray(2, 8));
    socketBuffer.fill(0);
    const kept = store.byTopic.get('tele/bathroom/LWT');
    expect(text(kept)).toBe('Online');
    expect(kept?.buffer.byteLength).toBe(6);
  });

  it('forgets the oldest topic past its topic limit and says so once', () => {
    const store = fresh();
    for (let i = 0; i < MEMORY_LIMITS.lastPayloadTopics; i++) {
      expect(rememberPayload(store, `site/s${i}/t`, encoder.encode('1'))).toBeNull();
    }
    // Heard again, the first topic is the newest: the second is now the oldest.
    rememberPayload(store, 'site/s0/t', encoder.encode('2'));
    expect(rememberPayload(store, 'site/new/t', encoder.encode('1'))).toBe(
      `more than ${MEMORY_LIMITS.lastPayloadTopics} topics or 4 MiB of payloads: the oldest are forgotten, ` +
        'so a Home Assistant device announced after them shows their values only when they are published again',
    );
    expect(store.byTopic.size).toBe(MEMORY_LIMITS.lastPayloadTopics);
    expect(store.byTopic.has('site/s0/t')).toBe(true);
    expect(store.byTopic.has('site/s1/t')).toBe(false);
    expect(rememberPayload(store, 'site/newer/t', encoder.encode('1'))).toBeNull();
    expect(store.byTopic.size).toBe(MEMORY_LIMITS.lastPayloadTopics);
  });

  it('forgets the oldest topics past its byte limit', () => {
    const store = fresh();
    const large = new Uint8Array(PAYLOAD_MAX_BYTES);
    const fits = Math.floor(MEMORY_LIMITS.lastPayloadBytes / (PAYLOAD_MAX_BYTES + 'site/s00/t'.length));
    for (let i = 0; i <= fits; i++) rememberPayload(store, `site/s${String(i).padStart(2, '0')}/t`, large);
    expect(store.byTopic.size).toBe(fits);
    expect(store.byTopic.has('site/s00/t')).toBe(false);
    expect(store.bytes).toBeLessThanOrEqual(MEMORY_LIMITS.lastPayloadBytes);
  });
});
