import { lazy, Suspense, useEffect, useState, type DragEvent } from 'react';
import type { Scenario } from '../scenario/schema';
import type { Run } from '../runs/format';
import { isShareFragment } from '../runs/share';
import { DrillApp } from './DrillApp';
import { ImportProgress } from './ImportProgress';
import { useDrill, useDrillStoreApi } from './storeContext';

const History = lazy(() => import('./history/History'));
const Review = lazy(() => import('./review/Review'));
const Notices = lazy(() => import('./Notices'));

type View = 'drill' | 'history';

const VIEWS: readonly [View, string][] = [
  ['drill', 'Drill'],
  ['history', 'Your runs'],
];

/** The app once scenarios and saved runs are loaded: navigation, notices, imports, screens. */
export function Shell({ scenarios }: { scenarios: Scenario[] }) {
  const [view, setView] = useState<View>('drill');
  const [dragging, setDragging] = useState(false);
  const review = useDrill((s) => s.review);
  const anyNotice = useDrill((s) => s.notices.length > 0);
  const store = useDrillStoreApi();
  const { showReview, importRun } = store.getState();

  useEffect(() => {
    const openFromHash = async () => {
      if (!isShareFragment(location.hash)) return;
      await importRun({ source: 'link', hash: location.hash });
    };
    void openFromHash();
    window.addEventListener('hashchange', openFromHash);
    return () => window.removeEventListener('hashchange', openFromHash);
  }, [importRun]);

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    await importRun({ source: 'file', file });
  };

  const closeReview = () => {
    if (isShareFragment(location.hash)) history.replaceState(null, '', location.pathname + location.search);
    showReview(null);
  };

  const openHistoryRun = (run: Run, scenario: Scenario) => {
    const scenarioFrom = store.getState().migratedFrom.get(run.id);
    showReview({ run, scenario, source: 'history', ...(scenarioFrom !== undefined ? { scenarioFrom } : {}) });
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void importFile(event.dataTransfer.files[0]);
  };

  let screen;
  if (review) screen = <Review review={review} onClose={closeReview} />;
  else if (view === 'history') screen = <History onReview={openHistoryRun} />;
  else screen = <DrillApp scenario={scenarios[0]!} />;

  return (
    <div
      className={dragging ? 'shell dragging' : 'shell'}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('Files')) {
          event.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          // Following the link would only scroll: move the focus too, so Tab goes on from the content.
          const main = document.getElementById('main');
          if (!main) return;
          event.preventDefault();
          if (!main.hasAttribute('tabindex')) main.tabIndex = -1;
          main.focus();
        }}
      >
        Skip to content
      </a>
      <nav className="top-nav" aria-label="Outage Drill">
        <span className="brand">Outage Drill</span>
        {VIEWS.map(([target, label]) => (
          <button
            key={target}
            type="button"
            aria-current={!review && view === target ? 'page' : undefined}
            onClick={() => {
              closeReview();
              setView(target);
            }}
          >
            {label}
          </button>
        ))}
        <label className="import-button">
          Import a run…
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            onChange={(event) => {
              void importFile(event.target.files?.[0]);
              event.target.value = '';
            }}
          />
        </label>
      </nav>
      {anyNotice && (
        <Suspense fallback={null}>
          <Notices />
        </Suspense>
      )}
      <ImportProgress />
      {dragging && (
        <p className="drop-hint" role="status">
          Drop a run file to open it read-only.
        </p>
      )}
      <Suspense fallback={<p role="status">Loading…</p>}>{screen}</Suspense>
    </div>
  );
}
