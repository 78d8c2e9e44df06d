import { lazy, Suspense, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { Scenario } from '../scenario/schema';
import type { Postmortem, Run } from '../runs/format';
import type { ReceivedRun, Review as ReviewData } from '../store/drill';
import { outcomeOf } from '../engine/replay';
import { isShareFragment } from '../runs/share';
import { DrillApp } from './DrillApp';
import { ImportProgress } from './ImportProgress';
import { MAX_DROPPED_FILES, entriesOf, filesOfEntries } from './droppedFiles';
import { useDrill, useDrillStoreApi } from './storeContext';
import { reviewScreen, screenOf, type Screen } from './screens';

const History = lazy(() => import('./history/History'));
const Cohort = lazy(() => import('./cohort/Cohort'));
const Compare = lazy(() => import('./cohort/Compare'));
const Review = lazy(() => import('./review/Review'));
const Notices = lazy(() => import('./Notices'));

type View = 'drill' | 'history' | 'cohort';

const VIEWS: readonly [View, string][] = [
  ['drill', 'Drill'],
  ['history', 'Your runs'],
];

/** The cohort view, or two runs compared: the received runs it names that are still kept. */
function CohortScreen({ cohort, onReview }: { cohort: { keys: readonly string[]; compare: boolean }; onReview: (entry: ReceivedRun, scenario: Scenario) => void }) {
  const received = useDrill((s) => s.received);
  const scenarios = useDrill((s) => s.scenarios);
  const entries = useMemo(() => {
    const wanted = new Set(cohort.keys);
    return received.filter((e) => wanted.has(e.key));
  }, [received, cohort.keys]);
  const pair = cohort.compare && entries.length === 2 ? ([entries[0]!, entries[1]!] as const) : null;
  const scenario = pair ? scenarios.find((s) => s.id === pair[0].run.scenario.id && s.version === pair[0].run.scenario.version) : undefined;
  return (
    <main id="main" className="history" tabIndex={-1}>
      <h1>{pair ? 'Two runs compared' : 'Cohort view'}</h1>
      {pair && scenario && pair[1].run.scenario.id === scenario.id ? (
        <Compare scenario={scenario} pair={pair} onReview={onReview} />
      ) : pair ? (
        <p>These two runs are of different scenarios (or versions): they can only be compared on one.</p>
      ) : (
        <Cohort entries={entries} scenarios={scenarios} onReview={onReview} />
      )}
    </main>
  );
}

/** The app once scenarios and saved runs are loaded: navigation, notices, imports, screens. */
export function Shell({ scenarios }: { scenarios: Scenario[] }) {
  const [view, setView] = useState<View>('drill');
  // The briefing asked for (browser Back from the drill) while a run is in progress or over.
  const [briefing, setBriefing] = useState(false);
  const [dragging, setDragging] = useState(false);
  // The received runs the cohort view (or the comparison of two) shows.
  const [cohort, setCohort] = useState<{ keys: readonly string[]; compare: boolean } | null>(null);
  const review = useDrill((s) => s.review);
  const anyNotice = useDrill((s) => s.notices.length > 0);
  const opened = useDrill((s) => s.scenario !== null);
  const stage = useDrill((s) => (!s.snapshot || s.snapshot.matches('briefing') ? 'briefing' : outcomeOf(s.snapshot) === 'in-progress' ? 'drill' : 'end'));
  const store = useDrillStoreApi();
  const { showReview, importRun } = store.getState();

  const screen: Screen = review ? reviewScreen(review.run.id) : view === 'history' ? 'history' : view === 'cohort' && cohort ? 'cohort' : briefing ? 'briefing' : stage;
  const reviews = useRef(new Map<Screen, ReviewData>());
  const [pops, setPops] = useState(0);
  const popped = useRef(false);
  // The review entry this app pushed over another of its screens: closing it goes back to that one.
  const pushedReview = useRef<Screen | null>(null);
  const first = useRef(true);
  // A history entry left for a link's entry fires hashchange too: that link is already open.
  const arrivedAt = useRef<string | null>(null);

  useEffect(() => {
    const openFromHash = async () => {
      if (!isShareFragment(location.hash)) return;
      if (arrivedAt.current === location.hash) {
        arrivedAt.current = null;
        return;
      }
      await importRun({ source: 'link', hash: location.hash });
    };
    void openFromHash();
    window.addEventListener('hashchange', openFromHash);
    return () => window.removeEventListener('hashchange', openFromHash);
  }, [importRun]);

  // Back and Forward: show the screen the entry names, as far as it can still be shown.
  useEffect(() => {
    const onPopState = (event: PopStateEvent) => {
      const target = screenOf(event.state);
      if (!target) return;
      popped.current = true;
      arrivedAt.current = location.hash;
      setPops((n) => n + 1);
      if (target.startsWith('review:')) {
        const again = reviews.current.get(target);
        if (again) showReview(again);
        else if (isShareFragment(location.hash)) {
          arrivedAt.current = null;
          void importRun({ source: 'link', hash: location.hash });
        } else {
          showReview(null);
          setView('history');
        }
        return;
      }
      showReview(null);
      setView(target === 'history' ? 'history' : target === 'cohort' ? 'cohort' : 'drill');
      const { snapshot } = store.getState();
      const now = !snapshot || snapshot.matches('briefing') ? 'briefing' : outcomeOf(snapshot) === 'in-progress' ? 'drill' : 'end';
      // A drill that is over, or a debrief of a run since set down, cannot be shown again: the briefing is.
      setBriefing(target === 'briefing' || (target !== 'history' && target !== 'cohort' && target !== now));
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, [importRun, showReview, store]);

  // Each screen reached is a history entry; one reached by Back or Forward is the entry itself.
  useEffect(() => {
    if (!opened) return;
    if (review) reviews.current.set(reviewScreen(review.run.id), review);
    const entry = { ...(history.state as object | null), screen };
    if (first.current || popped.current) {
      const moved = !first.current;
      first.current = false;
      popped.current = false;
      if (screenOf(history.state) !== screen) history.replaceState(entry, '');
      if (!moved) return;
    } else if (screenOf(history.state) !== screen) {
      history.pushState({ screen }, '', location.pathname + location.search);
      pushedReview.current = screen.startsWith('review:') ? screen : null;
    } else return;
    document.documentElement.scrollTop = 0;
  }, [opened, screen, review, pops]);

  /** One file opens in the review; several (picked together, or a dropped folder) go to the received runs. */
  const importFiles = async (files: readonly File[], skipped = 0) => {
    if (files.length === 0) return;
    if (files.length === 1 && skipped === 0) {
      await importRun({ source: 'file', file: files[0]! });
      return;
    }
    const opened = await store.getState().importRuns(files);
    store.getState().notify({ kind: 'runs-received', received: opened.length, refused: files.length - opened.length, skipped });
    if (opened.length === 0) return;
    showReview(null);
    setBriefing(false);
    setView('history');
  };

  const closeReview = () => {
    if (isShareFragment(location.hash)) history.replaceState(history.state, '', location.pathname + location.search);
    showReview(null);
  };

  /**
   * The review's own Back button. For a review the app pushed over one of its screens (from Your
   * runs, or an imported file) it is the browser's Back: no new entry, so Back and Forward never
   * loop through the review. A shared link's review closes in place and drops the link from the URL.
   */
  const backFromReview = () => {
    if (review && review.source !== 'link' && pushedReview.current === reviewScreen(review.run.id) && screenOf(history.state) === pushedReview.current) {
      pushedReview.current = null;
      history.back();
      return;
    }
    closeReview();
  };

  const openHistoryRun = (run: Run, scenario: Scenario) => {
    const scenarioFrom = store.getState().migratedFrom.get(run.id);
    showReview({ run, scenario, source: 'history', mine: true, ...(scenarioFrom !== undefined ? { scenarioFrom } : {}) });
  };

  const openReceivedRun = (entry: ReceivedRun, scenario: Scenario) => {
    showReview({ run: entry.run, scenario, source: 'received', ...(entry.scenarioFrom !== undefined ? { scenarioFrom: entry.scenarioFrom } : {}) });
  };

  /** "Try again from here" in a review: the new run opens in the drill. */
  const branchFrom = (run: Run, keep: number) => {
    if (!store.getState().branch(run, keep)) return;
    closeReview();
    setView('drill');
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    // Both lists empty once this handler returns: read them now.
    const entries = entriesOf(event.dataTransfer);
    const files = Array.from(event.dataTransfer.files);
    void filesOfEntries(entries, files).then(({ files: found, skipped }) => importFiles(found, skipped));
  };

  let content;
  if (review) {
    const own = review.source === 'history' ? review.run.id : null;
    content = <Review review={review} onClose={backFromReview} onBranch={branchFrom} onSaveReview={store.getState().saveReview} {...(own ? { onSavePostmortem: (postmortem: Postmortem) => store.getState().savePostmortem(own, postmortem) } : {})} />;
  }
  else if (view === 'history')
    content = (
      <History
        onReview={openHistoryRun}
        onReviewReceived={openReceivedRun}
        onCohort={(keys, compare = false) => {
          setCohort({ keys, compare });
          setView('cohort');
        }}
      />
    );
  else if (view === 'cohort' && cohort) content = <CohortScreen cohort={cohort} onReview={openReceivedRun} />;
  else content = <DrillApp scenario={scenarios[0]!} briefing={briefing} onBriefingDone={() => setBriefing(false)} />;

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
              setBriefing(false);
            }}
          >
            {label}
          </button>
        ))}
        <label className="import-button">
          Import runs…
          <input
            type="file"
            accept=".json,application/json"
            multiple
            className="visually-hidden"
            onChange={(event) => {
              const files = Array.from(event.target.files ?? []);
              event.target.value = '';
              void importFiles(files.slice(0, MAX_DROPPED_FILES), Math.max(0, files.length - MAX_DROPPED_FILES));
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
          Drop run files or a folder of them to open them read-only.
        </p>
      )}
      <Suspense fallback={<p role="status">Loading…</p>}>{content}</Suspense>
    </div>
  );
}
