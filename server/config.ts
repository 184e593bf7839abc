import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Configuration, read once at start from the environment and validated. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  sessionSecret: string;
  chromiumPath: string | null;
  logLevel: LogLevel;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const logLevels: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Where Debian, Ubuntu and Chrome installs put the browser; the real binary first (the wrapper is slower). */
const chromiumCandidates = [
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

const SESSION_SECRET_FILE = 'session-secret';
const MIN_SECRET_LENGTH = 32;

/** A configuration value that cannot be used; its message is the one line the app prints before exiting. */
export class ConfigError extends Error {
  constructor(variable: string, got: string, expected: string) {
    super(`${variable}: got ${JSON.stringify(got)}; expected ${expected}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const dataDir = path.resolve(cwd, readDataDir(env));
  return {
    port: readPort(env),
    host: readHost(env),
    dataDir,
    databaseUrl: readDatabaseUrl(env),
    sessionSecret: readSessionSecret(env, dataDir),
    chromiumPath: readChromiumPath(env),
    logLevel: readLogLevel(env),
  };
}

function readPort(env: Env): number {
  const raw = env.PORT;
  if (raw === undefined || raw === '') return 3000;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) {
    throw new ConfigError('PORT', raw, 'an integer from 0 to 65535 (0 picks a free port)');
  }
  return port;
}

function readHost(env: Env): string {
  const raw = env.HOST;
  if (raw === undefined || raw === '') return '127.0.0.1';
  // A host name or an IPv4/IPv6 literal; anything with spaces, slashes or a scheme is a mistake.
  if (!/^[A-Za-z0-9.:-]+$/.test(raw)) {
    throw new ConfigError('HOST', raw, 'a host name or IP address such as 127.0.0.1 or 0.0.0.0');
  }
  return raw;
}

function readDataDir(env: Env): string {
  const raw = env.DATA_DIR;
  if (raw === undefined || raw === '') return './data';
  if (raw.includes('\0')) throw new ConfigError('DATA_DIR', raw, 'a folder path');
  return raw;
}

function readDatabaseUrl(env: Env): string | null {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', redactUrl(raw), 'a URL such as postgres://user:password@host:5432/database');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', redactUrl(raw), 'a postgres:// or postgresql:// URL');
  }
  return raw;
}

/** Never echo a database password into a log or terminal. */
function redactUrl(raw: string): string {
  return raw.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
}

function readSessionSecret(env: Env, dataDir: string): string {
  const raw = env.SESSION_SECRET;
  if (raw !== undefined && raw !== '') {
    if (raw.length < MIN_SECRET_LENGTH) {
      throw new ConfigError('SESSION_SECRET', '***', `at least ${MIN_SECRET_LENGTH} characters`);
    }
    return raw;
  }
  // Generated once and kept beside the data, so sessions survive restarts without a secret in the repo.
  const file = path.join(dataDir, SESSION_SECRET_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  return secret;
}

function readChromiumPath(env: Env): string | null {
  const raw = env.CHROMIUM_PATH;
  if (raw !== undefined && raw !== '') {
    if (!isExecutable(raw)) throw new ConfigError('CHROMIUM_PATH', raw, 'the path of an executable Chromium or Chrome');
    return raw;
  }
  return chromiumCandidates.find(isExecutable) ?? null;
}

function readLogLevel(env: Env): LogLevel {
  const raw = env.LOG_LEVEL;
  if (raw === undefined || raw === '') return 'info';
  const level = logLevels.find((l) => l === raw);
  if (!level) throw new ConfigError('LOG_LEVEL', raw, `one of ${logLevels.join(', ')}`);
  return level;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
