import { useDrill, useDrillStoreApi } from './storeContext';

const OPENING = { file: 'Opening the run file…', link: 'Opening the shared run…' };

/** While a run from a file or a link is replayed (in the background), says so and lets it be cancelled. */
export function ImportProgress() {
  const importing = useDrill((s) => s.importing);
  const { cancelImport } = useDrillStoreApi().getState();
  if (!importing) return null;
  return (
    <p role="status">
      {OPENING[importing.source]}{' '}
      <button type="button" onClick={cancelImport}>
        Cancel
      </button>
    </p>
  );
}
