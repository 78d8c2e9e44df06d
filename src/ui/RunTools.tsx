import { useState } from 'react';
import type { Run } from '../runs/format';
import { downloadRun, shareLink } from './runFiles';

/** Export a run as a file, or as a link that carries it. */
export function RunTools({ run }: { run: Run }) {
  const [link, setLink] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  return (
    <div className="run-tools">
      <button type="button" onClick={() => downloadRun(run)}>
        Export run (.json)
      </button>
      <button
        type="button"
        onClick={async () => {
          const url = await shareLink(run);
          setLink(url);
          try {
            await navigator.clipboard.writeText(url);
            setStatus('Link copied. It carries the whole run; nothing is sent to a server.');
          } catch {
            setStatus('Copy the link below. It carries the whole run; nothing is sent to a server.');
          }
        }}
      >
        Copy share link
      </button>
      <p role="status" className="run-tools-status">
        {status}
      </p>
      {link && (
        <p className="share-link">
          <label htmlFor="share-link">Share link</label>
          <input id="share-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        </p>
      )}
    </div>
  );
}
