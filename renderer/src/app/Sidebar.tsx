import { NavIcon } from './nav-icons';
import { hrefOf, routes, type RouteId } from './routes';

/** The left navigation; the current page is marked for screen readers too. */
export function Sidebar({ current }: { current: RouteId }) {
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="sidebar__brand">
        <span className="sidebar__logo" aria-hidden="true">
          TP
        </span>
        <span className="sidebar__name">Trading Path Journal</span>
      </div>
      <ul className="sidebar__list">
        {routes.map((route) => (
          <li key={route.id}>
            <a
              className="sidebar__link"
              href={hrefOf(route.id)}
              aria-current={route.id === current ? 'page' : undefined}
              title={`${route.label} (g ${route.key})`}
              data-testid={`nav-${route.id}`}
            >
              <NavIcon route={route.id} />
              <span className="sidebar__label">{route.label}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
