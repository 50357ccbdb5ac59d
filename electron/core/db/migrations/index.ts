import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-imports';
import { migration0003 } from './0003-base-currency';
import { migration0004 } from './0004-jobs';
import { migration0005 } from './0005-lean-trade-legs';
import { migration0006 } from './0006-sync-base';
import { migration0007 } from './0007-tick-chunk-trigger';
import { migration0008 } from './0008-bars';
import { migration0009 } from './0009-trades-alive-count';
import { migration0010 } from './0010-trade-sort-indexes';
import { migration0011 } from './0011-executions-deleted';
import { migration0012 } from './0012-trade-rules-kept';
import { migration0013 } from './0013-lazy-sync-base';
import type { Migration } from './types';

/** All migrations in order; append only, never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
];

export const latestSchemaVersion = migrations.length;
