import { z } from 'zod';
import { qdrantCollections, type QdrantStore } from '../qdrant';
import type { CloudDb } from '../postgres';
import type { CloudProcessor } from './processors';

export const verifyCloudPayload = z.object({}).strict();

export type CloudCounts = {
  /** Rows and live rows per synced table, and the digest devices compare against in `tpj verify --cloud`. */
  tables: Record<string, { rows: number; live: number; hash: string }>;
  /** Points per Qdrant collection; null without Qdrant, an error string when it did not answer. */
  vectors: Record<string, number | null> | string | null;
  checkedAt: string;
};

export type VerifyDeps = { cloud: () => Promise<CloudDb>; qdrant: (() => Promise<QdrantStore>) | null };

/**
 * `default/verify-cloud`: the cloud half of `tpj verify --cloud` (row counts and digests per
 * table, points per collection), run by the worker on a schedule or on demand. The report
 * is the job's result, kept with the completed job, so the history shows when counts moved.
 */
export function verifyCloudProcessor(
  deps: VerifyDeps,
): CloudProcessor<z.infer<typeof verifyCloudPayload>, CloudCounts> {
  return {
    payload: verifyCloudPayload,
    async run(): Promise<CloudCounts> {
      const cloud = await deps.cloud();
      const tables = await cloud.digest();
      return {
        tables,
        vectors: deps.qdrant ? await countVectors(await deps.qdrant()) : null,
        checkedAt: new Date().toISOString(),
      };
    },
  };
}

async function countVectors(qdrant: QdrantStore): Promise<Record<string, number | null> | string> {
  const out: Record<string, number | null> = {};
  try {
    for (const collection of qdrantCollections) {
      // A collection no device created yet is reported as null, not as an error.
      out[collection] = (await qdrant.width(collection)) === null ? null : await qdrant.count(collection);
    }
  } catch (error) {
    return (error as Error).message;
  }
  return out;
}
