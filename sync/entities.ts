import type { EntityName } from '../shared/contract';

/** A column as the cloud stores it. Local TEXT → text, INTEGER → bigint. */
export type CloudColumn = { name: string; type: 'text' | 'bigint'; notNull: boolean };

export type CloudEntity = {
  name: EntityName;
  /** Every column but the sync bookkeeping (`hlc`, `deleted_hlc`, `device_id`), id first. */
  columns: readonly CloudColumn[];
  /**
   * Columns of trader-written text that are merged three-way instead of one side winning
   * (DESIGN §3: never drop text silently).
   */
  text: readonly string[];
};

function cols(spec: string): CloudColumn[] {
  // "name:text!" → { name, type: 'text', notNull: true }
  return spec
    .trim()
    .split(/\s+/)
    .map((item) => {
      const m = /^([a-z_0-9]+):(text|bigint)(!?)$/.exec(item);
      if (!m) throw new Error(`Bad column spec ${item}`);
      return { name: m[1]!, type: m[2] as CloudColumn['type'], notNull: m[3] === '!' };
    });
}

/**
 * The synced entities in parent-before-child order (a device that pulls in this order
 * meets a row's parents first within one page). The cloud schema is generated from this
 * list; a local migration that adds a synced column must add a cloud migration too.
 */
export const cloudEntities: readonly CloudEntity[] = [
  {
    name: 'accounts',
    columns: cols('id:text! name:text! broker:text currency:text! time_zone:text created_at:bigint!'),
    text: [],
  },
  {
    name: 'playbooks',
    columns: cols('id:text! name:text! description:text! rules:text! color:text archived:bigint! created_at:bigint!'),
    text: [],
  },
  { name: 'tags', columns: cols('id:text! name:text! color:text'), text: [] },
  {
    name: 'executions',
    columns: cols(`id:text! account_id:text! dedupe_key:text! broker_exec_id:text order_id:text symbol:text!
      asset_class:text! side:text! quantity:text! price:text! fee:text! currency:text! executed_at:bigint! source:text`),
    text: [],
  },
  {
    name: 'trades',
    columns: cols(`id:text! account_id:text! symbol:text! asset_class:text! side:text! status:text! opened_at:bigint!
      closed_at:bigint quantity:text! multiplier:text! entry_price:text! exit_price:text gross_pnl:text! fees:text!
      net_pnl:text! outcome:bigint! currency:text! stop_price:text target_price:text risk_amount:text playbook_id:text
      rating:bigint notes:text! emotions:text! mistakes:text! net_pnl_base:text rules_kept:text!`),
    text: ['notes'],
  },
  { name: 'trade_tags', columns: cols('id:text! trade_id:text! tag_id:text!'), text: [] },
  {
    name: 'journal_entries',
    columns: cols(`id:text! kind:text! day:text trade_id:text title:text! body:text! mood:bigint emotions:text!
      mistakes:text! pre_market:text! post_market:text! created_at:bigint! updated_at:bigint!`),
    text: ['title', 'body', 'pre_market', 'post_market'],
  },
  {
    name: 'attachments',
    columns: cols(
      'id:text! sha256:text! file_name:text! mime:text! size:bigint! trade_id:text journal_entry_id:text created_at:bigint!',
    ),
    text: [],
  },
  {
    name: 'coach_messages',
    columns: cols(
      'id:text! conversation_id:text! role:text! mode:text! content:text! citations:text! provider:text created_at:bigint!',
    ),
    text: [],
  },
  { name: 'settings', columns: cols('id:text! value:text!'), text: [] },
  { name: 'import_presets', columns: cols('id:text! name:text! mapping:text! created_at:bigint!'), text: [] },
];

export const cloudEntityByName: ReadonlyMap<string, CloudEntity> = new Map(cloudEntities.map((e) => [e.name, e]));

/** The bookkeeping every synced row carries besides its own columns. */
export const syncColumns = ['hlc', 'deleted_hlc', 'device_id'] as const;

/** All columns of an entity as both sides store them (cloud adds workspace_id and server_seq). */
export function rowColumns(entity: CloudEntity): string[] {
  return [...entity.columns.map((c) => c.name), ...syncColumns];
}

export function cloudEntity(name: string): CloudEntity {
  const entity = cloudEntityByName.get(name);
  if (!entity) throw new Error(`Not a synced entity: ${name}`);
  return entity;
}
