import type { RouteId } from './routes';

// Simple line icons drawn here (24×24, stroke only) so the app needs no icon font or CDN.
const paths: Record<RouteId, string> = {
  dashboard: 'M4 4h7v7H4zM13 4h7v4h-7zM13 10h7v10h-7zM4 13h7v7H4z',
  trades: 'M4 7h16M4 12h16M4 17h10',
  journal: 'M6 3h11a2 2 0 0 1 2 2v16H7a2 2 0 0 1-2-2V4a1 1 0 0 1 1-1zM5 17a2 2 0 0 1 2-2h12M9 7h6',
  playbooks: 'M9 4h6v3H9zM7 5H5v16h14V5h-2M8 13l3 3 5-6',
  reports: 'M4 20h16M7 16v-5M12 16V6M17 16v-8',
  coach: 'M4 5h16v11H9l-5 4zM8 10h8',
  import: 'M12 4v11M7 10l5 5 5-5M4 19h16',
  backups: 'M4 5h16v4H4zM5 9v10h14V9M10 13h4',
  settings: 'M4 7h10M18 7h2M4 17h4M12 17h8M14 5v4M8 15v4',
};

export function NavIcon({ route }: { route: RouteId }) {
  return (
    <svg className="nav-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
      <path
        d={paths[route]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
