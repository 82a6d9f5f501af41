import type { Control, ConventionId } from '../device';
import type { Interpretation, Reading } from '../interpretation';
import { decodeText } from '../payload';
import { type QuantityId, quantityOf, quantityOfName } from '../quantity';

/**
 * A payload as trimmed text, or the meaning of a payload that is not text (too large, not
 * UTF-8) for `device`: what every convention does first with a message it recognises.
 */
export function payloadText(
  payload: Uint8Array,
  device: string,
  convention: ConventionId,
): { text: string } | { problem: Interpretation } {
  const decoded = decodeText(payload);
  if (decoded.kind === 'oversize') {
    return { problem: { kind: 'oversize', device, bytes: decoded.bytes, convention } };
  }
  if (decoded.kind === 'invalid')
    return { problem: { kind: 'invalid', device, reason: decoded.reason, convention } };
  return { text: decoded.text.trim() };
}

/** Readings of a state message, announcing the controls it revealed alongside when there are any. */
export function readingsWithControls(
  device: string,
  readings: Reading[],
  controls: readonly Control[],
  convention: ConventionId,
): Interpretation {
  const meaning: Interpretation = { kind: 'readings', device, readings, sampleAt: null, convention };
  if (controls.length === 0) return meaning;
  return {
    kind: 'multiple',
    meanings: [{ kind: 'describe', device, convention, description: { controls } }, meaning],
  };
}

/**
 * The state an on/off value of this name is: the one its name says (`door` a contact, `motion`),
 * else a switch; never the measurement a name may also mean (`light` ON is a lamp, not a light
 * level; `power` ON a relay, not watts).
 */
export function stateQuantityOf(name: string): QuantityId {
  const named = quantityOfName(name);
  return named !== null && quantityOf(named)?.kind === 'state' ? named : 'switch';
}
