import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('configuration', function () {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'palermo-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: path.join(dir, 'data'), ...env }, dir);
  const failure = (env: Record<string, string>): string => {
    try {
      load(env);
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('expected a ConfigError');
  };

  it('uses the documented defaults', () => {
    const config = loadConfig({}, dir);
    expect(config).to.include({ port: 3000, host: '127.0.0.1', databaseUrl: null, logLevel: 'info' });
    expect(config.dataDir).to.equal(path.join(dir, 'data'));
  });

  it('names the variable, what it got and what it expects for a bad PORT', () => {
    expect(failure({ PORT: 'eighty' })).to.equal('PORT: got "eighty"; expected an integer from 0 to 65535 (0 picks a free port)');
    expect(failure({ PORT: '70000' })).to.contain('PORT: got "70000"');
  });

  it('rejects a HOST that is not a host name or address', () => {
    expect(failure({ HOST: 'http://localhost' })).to.match(/^HOST: got "http:\/\/localhost"; expected a host name/);
  });

  it('rejects a DATABASE_URL that is not a postgres URL, without echoing its password', () => {
    const message = failure({ DATABASE_URL: 'mysql://app:secret@db/app' });
    expect(message).to.contain('DATABASE_URL').and.contain('postgres://').and.not.contain('secret');
  });

  it('rejects a short SESSION_SECRET without printing it', () => {
    const message = failure({ SESSION_SECRET: 'tooshort' });
    expect(message).to.equal('SESSION_SECRET: got "***"; expected at least 32 characters');
  });

  it('generates a session secret in the data folder when none is given, readable only by its owner, and reuses it', () => {
    const first = load({}).sessionSecret;
    const file = path.join(dir, 'data', 'session-secret');
    expect(readFileSync(file, 'utf8').trim()).to.equal(first);
    expect(statSync(file).mode & 0o077).to.equal(0);
    expect(load({}).sessionSecret).to.equal(first);
    expect(first.length).to.be.greaterThan(40);
  });

  it('rejects a CHROMIUM_PATH that is not an executable', () => {
    expect(failure({ CHROMIUM_PATH: '/no/such/chromium' })).to.match(/^CHROMIUM_PATH: got "\/no\/such\/chromium"; expected/);
  });

  it('finds Chromium on its own when CHROMIUM_PATH is not set', () => {
    expect(load({}).chromiumPath).to.be.a('string');
  });

  it('rejects an unknown LOG_LEVEL', () => {
    expect(failure({ LOG_LEVEL: 'loud' })).to.contain('LOG_LEVEL: got "loud"; expected one of fatal, error');
  });
});
