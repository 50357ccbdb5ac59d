import { z } from 'zod';
import type { SyncState } from '../domain/types';
import { method } from './define';
import { cloudConnection } from './secrets';

/** One cloud service as "Test connection" found it. */
export type ServiceCheck = {
  service: 'postgres' | 'redis' | 'qdrant';
  configured: boolean;
  ok: boolean;
  latencyMs: number | null;
  version: string | null;
  /** PostgreSQL only: whether the TimescaleDB extension can be used. */
  timescale?: boolean;
  message: string;
};

export type SyncReportView = {
  pushedRecords: number;
  pushedRows: number;
  pulledRows: number;
  appliedRows: number;
  tickRows: number;
  regroupedSymbols: number;
};

export type SyncStatusView = {
  configured: boolean;
  workspaceId: string | null;
  state: SyncState;
  lastSyncedAt: number | null;
  message: string | null;
  /** Local changes not yet acknowledged by the cloud. */
  pending: number;
  conflicts: number;
  /** Where the cloud is, without credentials (host and database name only). */
  cloud: { postgres: string | null; redis: string | null; qdrant: string | null };
};

/** One table compared between this device and the cloud. */
export type CloudTableCheck = {
  table: string;
  local: { rows: number; live: number; hash: string };
  cloud: { rows: number; live: number; hash: string };
  /** Local changes of this table still waiting to be pushed (a difference is expected then). */
  pending: number;
  match: boolean;
};

/** Qdrant coverage: points in a collection against the live rows they stand for here. */
export type VectorCoverage = { collection: string; points: number; rows: number; error?: string };

export type CloudVerifyReport = {
  ok: boolean;
  cursor: number;
  tables: CloudTableCheck[];
  /** Null when no Qdrant is configured. Coverage is reported, not failed: vectors are derived. */
  vectors: VectorCoverage[] | null;
};

/** A device the cloud knows in this workspace: how far it has pulled (purging waits for the slowest). */
export type KnownDeviceView = { deviceId: string; pulledSeq: number; lastSeen: string; thisDevice: boolean };

export const syncContract = {
  'sync.status': method<SyncStatusView>()(z.object({}).strict()),
  /** Sync now and wait for it; refused with NOT_CONFIGURED when no cloud is set up. */
  'sync.now': method<SyncReportView>()(z.object({}).strict()),
  /** The app saw the network come back or the machine wake up. */
  'sync.reconnected': method<{ ok: true }>()(z.object({}).strict()),
  /** Reach each service (the configured ones, or `connection` as typed before saving) and report latency, version and TimescaleDB. */
  'sync.test': method<ServiceCheck[]>()(z.object({ connection: cloudConnection.optional() }).strict()),
  /** Compare rows and a digest of (id, clock) per table between this device and the cloud. */
  'sync.verify': method<CloudVerifyReport>()(z.object({}).strict()),
  /** Devices the cloud knows in this workspace, most recently seen first. */
  'sync.devices': method<KnownDeviceView[]>()(z.object({}).strict()),
  /** Stop waiting for a device that will not come back, so deleted rows can be purged. */
  'sync.forgetDevice': method<{ forgotten: boolean }>()(z.object({ deviceId: z.string().min(1).max(100) }).strict()),
};
