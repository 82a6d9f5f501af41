import { describe, expect, it } from 'vitest';
import { refuseUnreadableAccounts, type StartFacts, startPolicy } from './startPolicy.ts';

const FACTS: StartFacts = {
  host: '0.0.0.0',
  accountCount: 0,
  allowAnonymous: false,
  tls: false,
  dataDir: './data',
};
const decide = (changes: Partial<StartFacts>) => startPolicy({ ...FACTS, ...changes });

function messageOf(changes: Partial<StartFacts>): string {
  const policy = decide(changes);
  if (policy.kind !== 'refuse') throw new Error(`expected a refusal, got ${policy.kind}`);
  return policy.message;
}

function warningOf(changes: Partial<StartFacts>): string {
  const policy = decide(changes);
  if (policy.kind !== 'open-warned') throw new Error(`expected an open start, got ${policy.kind}`);
  return policy.warning;
}

describe('startPolicy on this machine alone', () => {
  it.each(['127.0.0.1', '127.0.1.1', 'localhost', '::1'])('starts open on %s with no accounts', (host) => {
    expect(decide({ host })).toEqual({ kind: 'open-local' });
  });

  it('starts open on loopback with --allow-anonymous, with nothing to warn about', () => {
    expect(decide({ host: '127.0.0.1', allowAnonymous: true })).toEqual({ kind: 'open-local' });
  });

  it('asks for a sign-in on loopback once an account exists, with no word about TLS', () => {
    expect(decide({ host: '127.0.0.1', accountCount: 1 })).toEqual({
      kind: 'accounts',
      cleartextWarning: null,
      notice: null,
    });
  });
});

describe('startPolicy on the network with no accounts', () => {
  it.each(['0.0.0.0', '::', '192.168.1.20', 'hearth.local'])('refuses to start on %s', (host) => {
    expect(decide({ host }).kind).toBe('refuse');
  });

  it('refuses even with TLS, since a certificate lets nobody sign in', () => {
    expect(decide({ tls: true }).kind).toBe('refuse');
  });

  it('says where it would have listened and why it will not', () => {
    expect(messageOf({})).toContain('Hearth will not start on 0.0.0.0 with no accounts');
  });

  it('gives the command that adds the first owner, for the default data directory', () => {
    const message = messageOf({});
    expect(message).toContain('  npm run user -- add NAME --role owner\n');
    expect(message).not.toContain('--data-dir');
  });

  it('gives the same data directory the server was started with', () => {
    expect(messageOf({ dataDir: '/var/lib/hearth' })).toContain(
      'npm run user -- add NAME --role owner --data-dir /var/lib/hearth\n',
    );
  });

  it('quotes a data directory the shell would split', () => {
    expect(messageOf({ dataDir: "/srv/Bob's house" })).toContain("--data-dir '/srv/Bob'\\''s house'");
  });

  it('mentions --allow-anonymous as the deliberate way to start open', () => {
    expect(messageOf({})).toContain('--allow-anonymous');
  });

  it('starts open, loudly warned, with --allow-anonymous', () => {
    expect(decide({ allowAnonymous: true }).kind).toBe('open-warned');
  });

  it('warns on several lines that anyone can switch the devices, and how to lock it', () => {
    const warning = warningOf({ allowAnonymous: true, host: '192.168.1.20' });
    expect(warning.split('\n').length).toBeGreaterThan(3);
    expect(warning).toContain('open to anyone on your network');
    expect(warning).toContain('192.168.1.20');
    expect(warning).toContain('switch your devices');
    expect(warning).toContain('npm run user -- add NAME --role owner');
  });
});

describe('startPolicy on the network with accounts', () => {
  it('asks for a sign-in and says passwords cross the network in clear without TLS', () => {
    expect(decide({ accountCount: 2 })).toEqual({
      kind: 'accounts',
      cleartextWarning:
        'Warning: Hearth listens on 0.0.0.0 without TLS, so passwords cross the network in clear: ' +
        'add --tls-cert/--tls-key, see README.',
      notice: null,
    });
  });

  it('has nothing to warn about under TLS', () => {
    expect(decide({ accountCount: 2, tls: true })).toEqual({
      kind: 'accounts',
      cleartextWarning: null,
      notice: null,
    });
  });

  it('lets accounts overrule --allow-anonymous, and says so', () => {
    expect(decide({ accountCount: 1, tls: true, allowAnonymous: true })).toEqual({
      kind: 'accounts',
      cleartextWarning: null,
      notice: '--allow-anonymous has no effect: accounts exist, so everyone signs in.',
    });
  });
});

describe('refuseUnreadableAccounts', () => {
  it('refuses with the reason that names the file, and what to do', () => {
    const reason = '/srv/hearth/accounts.json is not valid JSON; fix it by hand or restore it from a backup.';
    expect(refuseUnreadableAccounts(reason)).toEqual({
      kind: 'refuse',
      message: `${reason}\nHearth will not start without knowing who may come in; fix or restore the file, then start again.`,
    });
  });
});

describe('startPolicy under TLS', () => {
  it('still warns while plain MQTT on TCP takes passwords beside MQTTS', () => {
    const policy = decide({ accountCount: 1, tls: true, plainMqtt: true });
    expect(policy.kind === 'accounts' && policy.cleartextWarning).toContain('--mqtt-port 0');
  });

  it('says nothing once everything is over TLS', () => {
    const policy = decide({ accountCount: 1, tls: true, plainMqtt: false });
    expect(policy.kind === 'accounts' && policy.cleartextWarning).toBeNull();
  });
});
