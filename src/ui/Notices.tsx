import { useDrillStore } from '../store/drill';

export function Notices() {
  const notices = useDrillStore((s) => s.notices);
  const dismiss = useDrillStore((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          <p>{notice.text}</p>
          <button type="button" onClick={() => dismiss(notice.id)} aria-label={`Dismiss: ${notice.text.slice(0, 60)}`}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
