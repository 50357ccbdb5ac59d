import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { createStream } from 'rotating-file-stream';

export type { Logger } from 'pino';

/** Field paths that may hold secrets or bulky payloads; never written to a log. */
export const redactedPaths = [
  'apiKey',
  '*.apiKey',
  'password',
  '*.password',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  '*.dataBase64',
  'input.*.dataBase64',
];

/** JSON logs in `<dataDir>/logs`, rotated daily or at 10 MB, ten files kept. */
export function createFileLogger(
  dataDir: string,
  level = process.env.TPJ_LOG_LEVEL ?? 'info',
): { logger: Logger; close: () => void } {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const stream = createStream('tpj.log', { path: dir, size: '10M', interval: '1d', maxFiles: 10 });
  const logger = pino(
    { level, redact: { paths: redactedPaths, censor: '[redacted]' }, base: { pid: process.pid } },
    stream,
  );
  return { logger, close: () => stream.end() };
}

/** A logger that writes nowhere, for tests and short CLI runs that ask for it. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
