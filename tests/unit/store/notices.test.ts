/**
 * Notices are data, de-duplicated by what they are about (kind and key), and worded in one
 * place: every kind has its own sentence, and none says data was set aside.
 */
import { describe, expect, it } from 'vitest';
import type { Notice } from '../../../src/store/drill';
import { noticeKey } from '../../../src/store/notices';
import { noticeText, noticeTone } from '../../../src/ui/noticeText';
import { Area, openStore } from './support';

const problem = { code: 'not-json' as const };
const problemText = 'This file is not valid JSON (it may be cut short or not a run at all).';

/** One of each kind. */
const every: Notice[] = [
  { kind: 'record-unusable', key: 'outage-drill:run:x', reason: { code: 'not-json' }, raw: '{', runCount: 1 },
  { kind: 'record-unusable', key: 'outage-drill', reason: { code: 'refused', refusal: { code: 'run', problem } }, raw: '[]', runCount: 2 },
  { kind: 'save-failed', cause: 'full', runId: 'r' },
  { kind: 'delete-failed', cause: 'refused', runId: 'r' },
  { kind: 'storage-unavailable' },
  { kind: 'runs-migrated', scenarioId: 'mysql-wipe', scenarioTitle: 'The drill', from: [1, 2], to: 3, count: 4 },
  { kind: 'run-kept', runId: 'r', scenarioTitle: 'The drill' },
  { kind: 'run-forked', runId: 'r' },
  { kind: 'import-refused', source: 'file', refusal: { code: 'run', problem } },
  { kind: 'import-updated', source: 'link', formatFrom: 1, scenarioFrom: 1, scenarioTo: 2 },
];

describe('notices', () => {
  it('every kind is worded, in plain sentences, and none says data was set aside', () => {
    for (const notice of every) {
      const text = noticeText(notice);
      expect(text, notice.kind).toMatch(/^[A-Z0-9].*[.]$/s);
      expect(text, notice.kind).not.toMatch(/set aside|undefined|\[object/);
      expect(['error', 'info']).toContain(noticeTone(notice));
    }
    expect(noticeText(every[1]!)).toBe(
      `2 saved runs could not be opened (${problemText.replace(/\.$/, '')}). They were left as they were in this browser's storage (key "outage-drill"), not deleted; download a copy to keep it elsewhere. Your other runs are kept.`,
    );
    expect(noticeText(every[5]!)).toBe('4 saved runs of “The drill” were made on versions 1, 2 of the scenario and are now replayed on version 3, the one this app has. The inputs are unchanged; where they lead may differ.');
    expect(noticeText(every[9]!)).toBe('This run was saved in an older format (1) and was made on version 1 of the scenario, and is replayed on version 2, the one this app has.');
  });

  it('the same news twice is one notice; news about the same thing replaces it in place; other things pile up', () => {
    const store = openStore(new Area().tab());
    const state = () => store.getState();
    state().notify({ kind: 'save-failed', cause: 'full', runId: 'a' });
    state().notify({ kind: 'run-kept', runId: 'a', scenarioTitle: 'T' });
    const [saving] = state().notices;
    state().notify({ kind: 'save-failed', cause: 'full', runId: 'a' });
    expect(state().notices[0]).toBe(saving);
    state().notify({ kind: 'save-failed', cause: 'refused', runId: 'b' });
    expect(state().notices.map((n) => n.kind)).toEqual(['save-failed', 'run-kept']);
    expect(state().notices[0]).toMatchObject({ cause: 'refused', runId: 'b' });
    state().notify({ kind: 'run-kept', runId: 'b', scenarioTitle: 'T' });
    expect(state().notices).toHaveLength(3);
    state().withdraw(noticeKey({ kind: 'save-failed', cause: 'full', runId: 'x' }));
    expect(state().notices.map((n) => n.kind)).toEqual(['run-kept', 'run-kept']);
    state().dismiss(state().notices[0]!.id);
    expect(state().notices).toHaveLength(1);
  });

  it('two stores keep their own notices (no state outside a store)', () => {
    const one = openStore(new Area().tab());
    const two = openStore(new Area().tab());
    one.getState().notify({ kind: 'storage-unavailable' });
    expect(two.getState().notices).toEqual([]);
    two.getState().notify({ kind: 'run-forked', runId: 'r' });
    expect(one.getState().notices.map((n) => n.kind)).toEqual(['storage-unavailable']);
  });
});
