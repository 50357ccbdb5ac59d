import type { ImportSummary, ParsedInput } from '../../../shared/contract';
import { CoreError } from '../../../shared/contract/errors';
import { uuidv7 } from '../journal/ids';
import type { Store } from '../journal/store';
import { planAccounts } from './account-plan';
import { commitStaged } from './commit';
import { Stage } from './stage';

/**
 * Fills typed in by hand go through the same staging and commit as a file, so they are
 * grouped into trades with the account's other fills. Each is unique: two identical fills
 * typed on purpose are two fills.
 */
export function addManualExecutions(store: Store, input: ParsedInput<'executions.add'>): ImportSummary {
  const account = store.db
    .prepare(`SELECT 1 FROM accounts WHERE id = ? AND deleted_hlc IS NULL`)
    .pluck()
    .get(input.accountId);
  if (!account) throw new CoreError('NOT_FOUND', 'That account no longer exists.');
  const session = uuidv7();
  const stage = new Stage(store.db);
  try {
    stage.write(
      input.executions.map((e, i) => ({
        brokerExecId: null,
        orderId: null,
        account: '',
        symbol: e.symbol.toUpperCase(),
        assetClass: e.assetClass,
        side: e.side,
        quantity: e.quantity,
        price: e.price,
        fee: e.fee,
        currency: null,
        executedAt: e.executedAt,
        line: i + 1,
      })),
      0,
      '',
      // Each fill typed by hand is its own: a key no other fill can have.
      () => `m:${uuidv7()}`,
    );
    const accounts = planAccounts(store.db, stage, input.accountId);
    return commitStaged(store, {
      stage,
      importId: session,
      accounts,
      brokerLabel: 'Manual',
      files: ['manual entry'],
      formats: ['manual'],
      ignored: 0,
      errors: 0,
    });
  } finally {
    stage.drop();
  }
}
