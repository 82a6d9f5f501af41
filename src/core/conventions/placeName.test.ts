import { describe, expect, it } from 'vitest';
import { PLACE_NAME_MAX_CHARS, readPlaceName } from './placeName';

describe('readPlaceName', () => {
  it('keeps a name as announced, trimmed', () => {
    expect(readPlaceName('  Living room ')).toBe('Living room');
    expect(readPlaceName('Küche')).toBe('Küche');
  });

  it('refuses what is not a name', () => {
    expect(readPlaceName(undefined)).toBeNull();
    expect(readPlaceName(42)).toBeNull();
    expect(readPlaceName('   ')).toBeNull();
  });

  it('refuses control characters and names longer than a room name may be', () => {
    expect(readPlaceName('Kitchen\n<script>')).toBeNull();
    expect(readPlaceName('Hall\u001b[31m')).toBeNull();
    expect(readPlaceName('Cellar\u0085')).toBeNull();
    expect(readPlaceName('x'.repeat(PLACE_NAME_MAX_CHARS))).toHaveLength(PLACE_NAME_MAX_CHARS);
    expect(readPlaceName('x'.repeat(PLACE_NAME_MAX_CHARS + 1))).toBeNull();
    expect(readPlaceName('x'.repeat(10_240))).toBeNull();
  });
});
