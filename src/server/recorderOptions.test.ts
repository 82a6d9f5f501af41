import { describe, expect, it } from 'vitest';
import { describeDatabase, maskPassword } from './recorderOptions.ts';

describe('maskPassword', () => {
  it('hides the password of a URL and keeps the rest', () => {
    expect(maskPassword('postgres://hearth:s3cr3t@db:5432/h')).toBe('postgres://hearth:***@db:5432/h');
    expect(maskPassword('mqtts://user:p%40ss@nas')).toBe('mqtts://user:***@nas');
  });

  it('leaves a URL without a password alone', () => {
    expect(maskPassword('postgres://hearth@db/h')).toBe('postgres://hearth@db/h');
    expect(maskPassword('sqlite:data/hearth.db')).toBe('sqlite:data/hearth.db');
  });
});

describe('describeDatabase', () => {
  it('names a SQLite file, and a PostgreSQL server without its credentials', () => {
    expect(describeDatabase({ kind: 'sqlite', path: 'data/hearth.db' })).toBe('SQLite data/hearth.db');
    expect(describeDatabase({ kind: 'postgres', url: 'postgres://u:secret@db.local:5433/hearth' })).toBe(
      'PostgreSQL db.local:5433/hearth',
    );
    expect(describeDatabase({ kind: 'postgres', url: 'postgresql://db.local' })).toBe(
      'PostgreSQL db.local:5432/postgres',
    );
  });
});
