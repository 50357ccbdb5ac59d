import { migration0001 } from './0001-initial';
import type { Migration } from './types';

/** All migrations in order; append only, never edit one that has shipped. */
export const migrations: readonly Migration[] = [migration0001];

export const latestSchemaVersion = migrations.length;
