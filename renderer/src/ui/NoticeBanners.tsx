import { useNotices } from '../state/notices';

/** Every refused or failed call, in words, until the trader dismisses it. */
export function NoticeBanners() {
  const notices = useNotices((s) => s.notices);
  const dismiss = useNotices((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="alert" aria-live="assertive">
      {notices.map((notice) => (
        <div className="notice" key={notice.id} data-testid="error-banner">
          <div className="notice__text">
            <strong>{notice.message}</strong>
            {notice.fields.length > 0 && (
              <ul className="notice__fields">
                {notice.fields.map((f) => (
                  <li key={f.path}>
                    {f.path}: {f.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <button
            type="button"
            className="notice__close"
            onClick={() => dismiss(notice.id)}
            aria-label="Dismiss this message"
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
