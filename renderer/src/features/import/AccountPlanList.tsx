import type { AccountPlan } from '../../../../shared/contract';

/** Which account each account name in the files goes to; new ones are marked. */
export function AccountPlanList({ plans }: { plans: AccountPlan[] }) {
  if (plans.length === 0) return null;
  return (
    <section className="card" aria-labelledby="import-accounts-title">
      <header className="card__header">
        <h2 id="import-accounts-title">Accounts</h2>
      </header>
      <ul className="account-plan" data-testid="account-plan">
        {plans.map((plan) => (
          <li key={plan.label} className="account-plan__item">
            <span className="account-plan__label">{plan.named ? plan.label : `No account named (${plan.label})`}</span>
            <span className="account-plan__arrow" aria-label="goes to">
              →
            </span>
            <span className="account-plan__name">{plan.accountName}</span>
            {plan.create ? (
              <span className="badge badge--accent">new account</span>
            ) : (
              <span className="badge">existing</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
