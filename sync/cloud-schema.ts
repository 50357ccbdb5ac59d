import type { ClientBase } from 'pg';
import { cloudEntities, type CloudEntity } from './entities';

/**
 * The cloud schema, created and migrated by the engine itself. Everything lives in the
 * `tpj` schema of the trader's database. Migrations run in one transaction under a
 * PostgreSQL advisory lock, so two devices that connect at once never migrate together:
 * the second waits, then finds the work done.
 */
export type CloudMigration = {
  version: number;
  name: string;
  up: (sql: (text: string) => Promise<void>, env: CloudEnv) => Promise<void>;
};

export type CloudEnv = { timescale: boolean };

/** Arbitrary constant: the advisory lock key every device takes to migrate. */
const MIGRATION_LOCK = 7_349_201_553;

const rowsTable = (e: CloudEntity): string => {
  // Keys compare bytewise (COLLATE "C"): ids and names need no language rules, and index
  // comparisons are cheaper without them.
  const columns = e.columns.map(
    (c) => `${c.name} ${c.type}${c.name === 'id' ? ' COLLATE "C"' : ''}${c.notNull ? ' NOT NULL' : ''}`,
  );
  return `
    CREATE TABLE tpj.${e.name} (
      workspace_id text COLLATE "C" NOT NULL,
      ${columns.join(',\n      ')},
      hlc text NOT NULL,
      deleted_hlc text,
      device_id text NOT NULL,
      server_seq bigint NOT NULL DEFAULT nextval('tpj.server_seq'),
      PRIMARY KEY (workspace_id, id)
    );
    CREATE INDEX ${e.name}_by_seq ON tpj.${e.name} (workspace_id, server_seq);
    ${isolate(`tpj.${e.name}`)}`;
};

/**
 * Row-level security: a connection sees and writes only its own workspace's rows. The
 * sub-select makes PostgreSQL evaluate the workspace once per statement, not per row.
 */
function isolate(table: string): string {
  return `
    ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
    ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
    CREATE POLICY workspace_only ON ${table}
      USING (workspace_id = (SELECT tpj.current_workspace()))
      WITH CHECK (workspace_id = (SELECT tpj.current_workspace()));`;
}

/**
 * Candles per interval (tick times are epoch microseconds), with VWAP; continuous
 * aggregates under TimescaleDB, plain views otherwise.
 */
const candleIntervals: readonly [string, number][] = [
  ['1m', 60_000_000],
  ['1h', 3_600_000_000],
  ['1d', 86_400_000_000],
];

function candles(env: CloudEnv): string {
  return candleIntervals
    .map(([name, ms]) => {
      const bucket = env.timescale ? `time_bucket(${ms}::bigint, ts)` : `(ts - (ts % ${ms}))`;
      const open = env.timescale ? 'first(price, ts)' : '(array_agg(price ORDER BY ts, seq))[1]';
      const close = env.timescale ? 'last(price, ts)' : '(array_agg(price ORDER BY ts DESC, seq DESC))[1]';
      const select = `
        SELECT workspace_id, symbol, ${bucket} AS bucket, ${open} AS open, max(price) AS high, min(price) AS low,
               ${close} AS close, sum(size) AS volume, sum(price * size) / NULLIF(sum(size), 0) AS vwap
        FROM tpj.tick_data GROUP BY workspace_id, symbol, 3`;
      if (!env.timescale) return `CREATE VIEW tpj.candles_${name} WITH (security_invoker = true) AS ${select};`;
      return `
        CREATE MATERIALIZED VIEW tpj.candles_${name} WITH (timescaledb.continuous) AS ${select} WITH NO DATA;
        SELECT add_continuous_aggregate_policy('tpj.candles_${name}',
          start_offset => ${ms * 3}::bigint, end_offset => ${ms}::bigint, schedule_interval => INTERVAL '${name === '1m' ? '1 minute' : '1 hour'}');`;
    })
    .join('\n');
}

export const cloudMigrations: readonly CloudMigration[] = [
  {
    version: 1,
    name: 'journal, ticks and isolation',
    up: async (sql, env) => {
      await sql(`
        CREATE SEQUENCE tpj.server_seq;
        -- Login roles bound to one workspace. Not readable by those roles.
        CREATE TABLE tpj.workspace_roles (role_name text PRIMARY KEY, workspace_id text COLLATE "C" NOT NULL);
        CREATE FUNCTION tpj.current_workspace() RETURNS text
          LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, tpj AS $$
            SELECT COALESCE(
              (SELECT workspace_id FROM tpj.workspace_roles WHERE role_name = session_user),
              NULLIF(current_setting('tpj.workspace', true), ''))
          $$;
        CREATE TABLE tpj.mutations (
          workspace_id text COLLATE "C" NOT NULL,
          mutation_id text NOT NULL,
          device_id text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (workspace_id, mutation_id)
        );
        ${isolate('tpj.mutations')}
        CREATE TABLE tpj.devices (
          workspace_id text COLLATE "C" NOT NULL,
          device_id text NOT NULL,
          pulled_seq bigint NOT NULL DEFAULT 0,
          last_seen timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (workspace_id, device_id)
        );
        ${isolate('tpj.devices')}
        ${cloudEntities.map(rowsTable).join('\n')}
        CREATE TABLE tpj.tick_data (
          workspace_id text COLLATE "C" NOT NULL,
          symbol text COLLATE "C" NOT NULL,
          ts bigint NOT NULL,
          seq bigint NOT NULL,
          price double precision NOT NULL,
          size double precision NOT NULL,
          PRIMARY KEY (workspace_id, symbol, ts, seq)
        );
        ${isolate('tpj.tick_data')}
        CREATE TABLE tpj.tick_chunks (
          workspace_id text COLLATE "C" NOT NULL,
          symbol text NOT NULL,
          day text NOT NULL,
          count bigint NOT NULL,
          sha256 text NOT NULL,
          device_id text NOT NULL,
          server_seq bigint NOT NULL DEFAULT nextval('tpj.server_seq'),
          PRIMARY KEY (workspace_id, symbol, day)
        );
        CREATE INDEX tick_chunks_by_seq ON tpj.tick_chunks (workspace_id, server_seq);
        ${isolate('tpj.tick_chunks')}
      `);
      if (env.timescale) {
        // TimescaleDB 2.x: tick_data partitioned by day of epoch-µs time, compressed per symbol after a week.
        await sql(`
          CREATE FUNCTION tpj.unix_us_now() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT (extract(epoch FROM now()) * 1000000)::bigint $$;
          SELECT create_hypertable('tpj.tick_data', by_range('ts', 86400000000));
          SELECT set_integer_now_func('tpj.tick_data', 'tpj.unix_us_now');
          ALTER TABLE tpj.tick_data SET (timescaledb.compress, timescaledb.compress_segmentby = 'workspace_id, symbol',
            timescaledb.compress_orderby = 'ts, seq');
          SELECT add_compression_policy('tpj.tick_data', compress_after => 604800000000::bigint);
        `);
      }
      await sql(candles(env));
    },
  },
  {
    version: 2,
    name: 'tombstone purging',
    up: async (sql) => {
      await sql(`
        -- What is left of a purged tombstone: enough to refuse an older version of the row coming
        -- back, and numbered like any change so every device pulls it and purges its own copy.
        CREATE TABLE tpj.purged (
          workspace_id text COLLATE "C" NOT NULL,
          entity text COLLATE "C" NOT NULL,
          id text COLLATE "C" NOT NULL,
          hlc text NOT NULL,
          server_seq bigint NOT NULL DEFAULT nextval('tpj.server_seq'),
          PRIMARY KEY (workspace_id, entity, id)
        );
        CREATE INDEX purged_by_seq ON tpj.purged (workspace_id, server_seq);
        ${isolate('tpj.purged')}
        CREATE TABLE tpj.purge_state (
          workspace_id text COLLATE "C" PRIMARY KEY,
          last_purge_at timestamptz,
          purged_rows bigint NOT NULL DEFAULT 0
        );
        ${isolate('tpj.purge_state')}
        -- Roles provisioned before these tables existed get the same rights on them as on the others.
        DO $$ DECLARE r text; BEGIN
          FOR r IN SELECT role_name FROM tpj.workspace_roles WHERE role_name IN (SELECT rolname FROM pg_roles) LOOP
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON tpj.purged, tpj.purge_state TO %I', r);
          END LOOP;
        END $$;
      `);
    },
  },
  {
    version: 3,
    name: 'trade rules kept',
    up: async (sql) => {
      // A cloud made at version 1 by this app already has the column (tables follow entities.ts).
      await sql(`ALTER TABLE tpj.trades ADD COLUMN IF NOT EXISTS rules_kept text NOT NULL DEFAULT '[]'`);
    },
  },
];

export const latestCloudVersion = cloudMigrations.length;

export type MigrateResult = { from: number; to: number; timescale: boolean };

/** Bring the cloud schema up to date; safe to call from every device on every connect. */
export async function migrateCloud(client: ClientBase): Promise<MigrateResult> {
  const current = await cloudVersion(client);
  if (current === latestCloudVersion)
    return { from: current, to: current, timescale: await timescaleInstalled(client) };
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS tpj`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS tpj.schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ v: number | null }>(`SELECT max(version) AS v FROM tpj.schema_migrations`);
    const from = rows[0]?.v ?? 0;
    if (from > latestCloudVersion) {
      throw new CloudSchemaTooNewError(from, latestCloudVersion);
    }
    const timescale = await timescaleAvailable(client);
    if (timescale) await client.query(`CREATE EXTENSION IF NOT EXISTS timescaledb`);
    for (const migration of cloudMigrations) {
      if (migration.version <= from) continue;
      await migration.up(async (text) => void (await client.query(text)), { timescale });
      await client.query(`INSERT INTO tpj.schema_migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
    }
    await client.query('COMMIT');
    return { from, to: latestCloudVersion, timescale };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The cloud schema's version, 0 when there is none yet. */
export async function cloudVersion(client: ClientBase): Promise<number> {
  const { rows } = await client.query<{ t: string | null }>(`SELECT to_regclass('tpj.schema_migrations')::text AS t`);
  if (!rows[0]?.t) return 0;
  const version = await client.query<{ v: number | null }>(`SELECT max(version) AS v FROM tpj.schema_migrations`);
  return version.rows[0]?.v ?? 0;
}

export async function timescaleInstalled(client: ClientBase): Promise<boolean> {
  const { rows } = await client.query(`SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'`);
  return rows.length > 0;
}

export async function timescaleAvailable(client: ClientBase): Promise<boolean> {
  const { rows } = await client.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'`);
  return rows.length > 0;
}

export class CloudSchemaTooNewError extends Error {
  constructor(
    readonly cloudVersion: number,
    readonly appVersion: number,
  ) {
    super(
      `The cloud database was set up by a newer version of Trading Path Journal (cloud schema ${cloudVersion}, this app knows ${appVersion}). Update the app on this device to sync.`,
    );
  }
}

/**
 * Give a login role access to exactly one workspace (an administrator's step when one
 * database serves several traders). The role reads and writes only that workspace's rows.
 */
export async function provisionWorkspaceRole(client: ClientBase, role: string, workspaceId: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`Not a safe role name: ${role}`);
  await client.query(
    `INSERT INTO tpj.workspace_roles (role_name, workspace_id) VALUES ($1, $2)
     ON CONFLICT (role_name) DO UPDATE SET workspace_id = excluded.workspace_id`,
    [role, workspaceId],
  );
  await client.query(`GRANT USAGE ON SCHEMA tpj TO ${role}`);
  await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA tpj TO ${role}`);
  await client.query(`REVOKE ALL ON tpj.workspace_roles, tpj.schema_migrations FROM ${role}`);
  await client.query(`GRANT SELECT ON tpj.schema_migrations TO ${role}`);
  await client.query(`GRANT USAGE ON SEQUENCE tpj.server_seq TO ${role}`);
}
