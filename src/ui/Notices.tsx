import type { ShownNotice } from '../store/drill';
import { noticeText, noticeTone } from './noticeText';
import { downloadRun, downloadText } from './runFiles';
import { useDrill, useDrillStoreApi } from './storeContext';
import { applyUpdate } from './pwa';

/** What a notice offers to download: saved data that could not be used, or a run that could not be saved. */
function NoticeDownload({ notice }: { notice: ShownNotice }) {
  const store = useDrillStoreApi();
  if (notice.kind === 'record-unusable') {
    const name = `outage-drill-saved-${notice.key.replace(/[^A-Za-z0-9_-]+/g, '-')}.json`;
    return (
      <button type="button" onClick={() => downloadText(name, notice.raw)}>
        Download a copy
      </button>
    );
  }
  if (notice.kind === 'save-failed') {
    const download = () => {
      const { run, past } = store.getState();
      const unsaved = run?.id === notice.runId ? run : past.find((r) => r.id === notice.runId);
      if (unsaved) downloadRun(unsaved);
    };
    return (
      <button type="button" onClick={download}>
        Download this run
      </button>
    );
  }
  if (notice.kind === 'update-ready') {
    return (
      <button type="button" onClick={applyUpdate}>
        Reload now
      </button>
    );
  }
  return null;
}

/** The notices, worded; loaded only once there is one (its sentences stay out of the first load). */
export default function Notices() {
  const notices = useDrill((s) => s.notices);
  const dismiss = useDrill((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((notice) => {
        const tone = noticeTone(notice);
        const text = noticeText(notice);
        return (
          <div key={notice.id} className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
            <p>{text}</p>
            <NoticeDownload notice={notice} />
            <button type="button" onClick={() => dismiss(notice.id)} aria-label={`Dismiss: ${text.slice(0, 60)}`}>
              Dismiss
            </button>
          </div>
        );
      })}
    </div>
  );
}
