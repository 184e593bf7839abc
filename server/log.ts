import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger } from 'pino';

/**
 * Structured JSON logs; in a terminal they are made readable by pino-pretty. Request handlers log
 * through `req.log`, a child logger that stamps every line with the request id.
 */
export function createLogger(level: LogLevel, destination: NodeJS.WritableStream = process.stdout): Logger {
  const isTerminal = destination === process.stdout && process.stdout.isTTY;
  if (isTerminal) {
    return pino({ level, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } });
  }
  return pino({ level }, destination);
}
