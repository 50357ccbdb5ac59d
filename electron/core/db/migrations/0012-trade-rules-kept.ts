import type { Migration } from './types';

/**
 * Which of its playbook's rules the trader kept on a trade: a JSON array of rule ids (the
 * ids playbooks give their rules), ticked off on the trade's page. An empty array for every
 * trade that exists; ids of a playbook the trade no longer has are kept but not shown.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'trade-rules-kept',
  up: (db) => {
    db.exec(`ALTER TABLE trades ADD COLUMN rules_kept TEXT NOT NULL DEFAULT '[]'`);
  },
};
