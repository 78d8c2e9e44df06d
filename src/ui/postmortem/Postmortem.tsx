/**
 * The trainee's postmortem, after the debrief: a guided editor (the timeline prefilled from the
 * run), a blameless-language check under each text, and the comparison with the team's real
 * postmortem and its measures. Saved in the run as each field loses focus; Markdown and print.
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import type { Scenario } from '../../scenario/schema';
import type { Step } from '../../engine/world';
import { drillInputs, MAX_POSTMORTEM_LINE_CHARS, MAX_POSTMORTEM_LINES, MAX_POSTMORTEM_SECTION_CHARS, MAX_TRAINEE_CHARS, type Postmortem, type PostmortemEntry, type Run } from '../../runs/format';
import { blameFindings, type BlameFinding } from '../../postmortem/blame';
import { SECTION_TITLES, TEXT_SECTIONS, draftPostmortem, impactLine, matchMeasures, postmortemMarkdown, type TextSection } from '../../postmortem/postmortem';
import { scoreRun } from '../../scoring/score';
import { downloadText, runFileName } from '../runFiles';
import './postmortem.css';

const HINTS: Readonly<Record<TextSection, string>> = {
  summary: 'What happened, when, and to whom, in two or three sentences.',
  impact: 'What users could and could not do, and anything else the outage cost.',
  rootCause: 'What in the system let this happen: not who typed what.',
  resolution: 'What brought the service back, and how you knew it was back.',
  wentWell: 'What helped: a tool, a habit, a colleague, a backup.',
  wentBadly: 'What slowed you down or could have made it worse.',
};

const isClock = (text: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(text);

/** The timeline as it can be saved: a time not yet written as HH:MM keeps the time the line had (or the one before it). */
function savable(entries: readonly PostmortemEntry[], saved: readonly PostmortemEntry[]): PostmortemEntry[] {
  const out: PostmortemEntry[] = [];
  entries.forEach((entry, i) => {
    const at = isClock(entry.at) ? entry.at : isClock(saved[i]?.at ?? '') ? saved[i]!.at : (out[i - 1]?.at ?? '00:00');
    out.push({ at, text: entry.text });
  });
  return out;
}

/** Whether two versions of a postmortem say the same (whenever each was saved). */
const sameText = (a: Postmortem, b: Postmortem) => JSON.stringify({ ...a, writtenAt: '' }) === JSON.stringify({ ...b, writtenAt: '' });

/** The people a postmortem of this run may name: the colleague, the trainee. */
function namesOf(scenario: Scenario, run: Run): string[] {
  return [scenario.colleague.name, ...(run.trainee ? [run.trainee] : [])];
}

function Findings({ id, findings }: { id: string; findings: readonly BlameFinding[] }) {
  if (findings.length === 0) return null;
  return (
    <ul id={id} className="pm-findings">
      {findings.map((f, i) => (
        <li key={i}>
          <span className="pm-flag">Blaming words:</span> “<bdi>{f.words}</bdi>” in “<bdi>{f.sentence}</bdi>”. {f.rule.why} <span className="pm-suggest">Instead: {f.rule.suggestion}</span>
        </li>
      ))}
    </ul>
  );
}

/** A text field of the postmortem, kept as typed and saved when it loses focus; its blaming sentences listed below it. */
function TextField({ label, hint, value, names, rows = 4, max = MAX_POSTMORTEM_SECTION_CHARS, onChange, onSave, children }: { label: string; hint?: string; value: string; names: readonly string[]; rows?: number; max?: number; onChange: (text: string) => void; onSave: () => void; children?: ReactNode }) {
  const id = useId();
  const findings = useMemo(() => blameFindings(value, names), [value, names]);
  const described = [hint ? `${id}-hint` : '', findings.length ? `${id}-blame` : ''].filter(Boolean).join(' ');
  return (
    <div className="pm-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="pm-hint">
          {hint}
        </p>
      )}
      <textarea id={id} value={value} rows={rows} maxLength={max} onChange={(e) => onChange(e.target.value)} onBlur={onSave} {...(described ? { 'aria-describedby': described } : {})} />
      {children}
      <Findings id={`${id}-blame`} findings={findings} />
      <div className="print-only pm-printed">{value}</div>
    </div>
  );
}

function TimelineEditor({ entries, timezone, onChange }: { entries: readonly PostmortemEntry[]; timezone: string; onChange: (entries: PostmortemEntry[], save: boolean) => void }) {
  const id = useId();
  const set = (i: number, entry: Partial<PostmortemEntry>, save = false) => onChange(entries.map((e, j) => (j === i ? { ...e, ...entry } : e)), save);
  return (
    <fieldset className="pm-timeline">
      <legend>
        {SECTION_TITLES.timeline} ({timezone})
      </legend>
      <p className="pm-hint">Filled in from your run with the drill’s clock: correct it, add what happened around it.</p>
      <ol>
        {entries.map((entry, i) => (
          <li key={i}>
            <label htmlFor={`${id}-at-${i}`} className="visually-hidden">
              Time of line {i + 1}
            </label>
            <input
              id={`${id}-at-${i}`}
              className="pm-at"
              value={entry.at}
              inputMode="numeric"
              maxLength={5}
              size={5}
              required
              {...(isClock(entry.at) ? {} : { 'aria-invalid': true, 'aria-describedby': `${id}-bad` })}
              onChange={(e) => set(i, { at: e.target.value })}
              onBlur={() => onChange([...entries], true)}
            />
            <label htmlFor={`${id}-text-${i}`} className="visually-hidden">
              What happened at line {i + 1}
            </label>
            <input id={`${id}-text-${i}`} className="pm-line" value={entry.text} maxLength={MAX_POSTMORTEM_LINE_CHARS} onChange={(e) => set(i, { text: e.target.value })} onBlur={() => onChange([...entries], true)} />
            <button type="button" onClick={() => onChange(entries.filter((_, j) => j !== i), true)} aria-label={`Remove line ${i + 1}`}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      {entries.some((e) => !isClock(e.at)) && (
        <p id={`${id}-bad`} className="pm-bad">
          A time is written as on a 24-hour clock, like 08:40: until it is, the line keeps the time it had.
        </p>
      )}
      <button type="button" disabled={entries.length >= MAX_POSTMORTEM_LINES} onClick={() => onChange([...entries, { at: entries[entries.length - 1]?.at ?? '00:00', text: '' }], true)}>
        Add a line
      </button>
    </fieldset>
  );
}

/** The trainee's postmortem beside the team's: each section, the two timelines, the measures named and missed. */
export function PostmortemComparison({ scenario, postmortem }: { scenario: Scenario; postmortem: Postmortem }) {
  const id = useId();
  const team = scenario.postmortem;
  const actions = postmortem.actions.filter((a) => a.trim() !== '');
  const matched = team ? matchMeasures(team.measures, actions) : null;
  const mine = (text: string | undefined) => (text?.trim() ? <p className="pm-text">{text}</p> : <p className="pm-missing">Not written.</p>);
  if (!team || !matched) return <p>This scenario has no postmortem from the team to compare with.</p>;
  const named = matched.measures.filter((m) => m.namedBy !== null).length;
  const impact = impactLine(postmortem);
  return (
    <section aria-labelledby={id} className="pm-compare">
      <h3 id={id}>Beside the team’s real postmortem</h3>
      {(['summary', 'rootCause', 'resolution'] as const).map((key) => (
        <div key={key} className="pm-pair">
          <h4>{SECTION_TITLES[key]}</h4>
          <div>
            <h5>Yours</h5>
            {mine(postmortem[key])}
          </div>
          <div>
            <h5>The team’s</h5>
            <p className="pm-text">{team[key]}</p>
          </div>
        </div>
      ))}
      <div className="pm-pair">
        <h4>{SECTION_TITLES.impact}</h4>
        <div>
          <h5>Yours</h5>
          {impact && <p className="pm-text">{impact}</p>}
          {postmortem.impact?.trim() || !impact ? mine(postmortem.impact) : null}
        </div>
        <div>
          <h5>The team’s</h5>
          <p className="pm-text">{team.impact}</p>
        </div>
      </div>
      <div className="pm-pair">
        <h4>{SECTION_TITLES.timeline}</h4>
        <div>
          <h5>Yours</h5>
          <ul className="pm-times">
            {postmortem.timeline.map((e, i) => (
              <li key={i}>
                <span className="pm-clock">{e.at}</span> <bdi>{e.text}</bdi>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h5>The team’s</h5>
          <ul className="pm-times">
            {scenario.timeline.events.map((e) => (
              <li key={e.id}>
                <span className="pm-clock">{e.at}</span> {e.what}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <h4>The team’s corrective and preventive measures</h4>
      <p>
        You named {named} of {matched.measures.length}.
      </p>
      <ul className="pm-measures">
        {matched.measures.map(({ measure, namedBy }) => (
          <li key={measure.id} className={namedBy === null ? 'pm-missed' : 'pm-named'}>
            <strong>{namedBy === null ? 'Missed:' : 'Named:'}</strong> {measure.text}
            {namedBy !== null && (
              <>
                {' '}
                <span className="pm-by">
                  (your “<bdi>{actions[namedBy]}</bdi>”)
                </span>
              </>
            )}
          </li>
        ))}
      </ul>
      {matched.ownLines.length > 0 && (
        <>
          <h4>Your other actions</h4>
          <ul>
            {matched.ownLines.map((i) => (
              <li key={i}>
                <bdi>{actions[i]}</bdi>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ExportButton({ scenario, run, postmortem }: { scenario: Scenario; run: Run; postmortem: Postmortem }) {
  return (
    <button type="button" onClick={() => downloadText(runFileName(run).replace(/\.json$/, '-postmortem.md'), postmortemMarkdown(postmortem, scenario, run.trainee), 'text/markdown')}>
      Export the postmortem as Markdown
    </button>
  );
}

interface EditorProps {
  scenario: Scenario;
  run: Run;
  postmortem: Postmortem;
  onSave: (postmortem: Postmortem) => void;
}

/** The guided editor: each section with a hint, saved as it loses focus. */
function Editor({ scenario, run, postmortem, onSave }: EditorProps) {
  const [draft, setDraft] = useState(postmortem);
  const [comparing, setComparing] = useState(false);
  const names = useMemo(() => namesOf(scenario, run), [scenario, run]);
  const save = (next: Postmortem = draft) => {
    const clean = { ...next, timeline: savable(next.timeline, postmortem.timeline) };
    if (!sameText(clean, postmortem)) onSave({ ...clean, writtenAt: new Date().toISOString() });
  };
  const edit = (patch: Partial<Postmortem>) => setDraft((d) => ({ ...d, ...patch }));
  const flagged = TEXT_SECTIONS.reduce((n, k) => n + blameFindings(draft[k] ?? '', names).length, 0) + draft.actions.reduce((n, a) => n + blameFindings(a, names).length, 0);
  const text = (key: TextSection, rows = 4) => <TextField key={key} label={SECTION_TITLES[key]} hint={HINTS[key]} value={draft[key] ?? ''} names={names} rows={rows} onChange={(t) => edit({ [key]: t })} onSave={() => save()} />;
  const authorsId = useId();
  const usersId = useId();
  const minutesId = useId();
  return (
    <>
      <form className="pm-form" onSubmit={(e) => e.preventDefault()} aria-label="Your postmortem">
        <div className="pm-field">
          <label htmlFor={authorsId}>Written by</label>
          <input id={authorsId} value={draft.authors ?? ''} maxLength={MAX_TRAINEE_CHARS} autoComplete="name" onChange={(e) => edit({ authors: e.target.value })} onBlur={() => save()} />
        </div>
        {text('summary', 3)}
        <fieldset className="pm-impact">
          <legend>{SECTION_TITLES.impact}</legend>
          <div className="pm-field">
            <label htmlFor={usersId}>Users affected</label>
            <input id={usersId} value={draft.users ?? ''} maxLength={MAX_POSTMORTEM_LINE_CHARS} onChange={(e) => edit({ users: e.target.value })} onBlur={() => save()} />
          </div>
          <div className="pm-field">
            <label htmlFor={minutesId}>Minutes users were affected</label>
            <input
              id={minutesId}
              type="number"
              inputMode="numeric"
              min={0}
              max={1440}
              step={1}
              value={draft.minutes ?? ''}
              onChange={(e) => {
                const n = e.target.valueAsNumber;
                const { minutes: _, ...rest } = draft;
                setDraft(Number.isInteger(n) && n >= 0 && n <= 1440 ? { ...rest, minutes: n } : rest);
              }}
              onBlur={() => save()}
            />
          </div>
          <TextField label="Details" hint={HINTS.impact} value={draft.impact ?? ''} names={names} rows={2} onChange={(t) => edit({ impact: t })} onSave={() => save()} />
        </fieldset>
        <TimelineEditor
          entries={draft.timeline}
          timezone={scenario.clock.timezone}
          onChange={(timeline, now) => {
            const next = { ...draft, timeline };
            setDraft(next);
            if (now) save(next);
          }}
        />
        {text('rootCause')}
        {text('resolution', 3)}
        <TextField
          label={SECTION_TITLES.actions}
          hint="One per line: what would stop this from happening again, or make it smaller and shorter."
          value={draft.actions.join('\n')}
          names={names}
          rows={5}
          max={MAX_POSTMORTEM_LINES * (MAX_POSTMORTEM_LINE_CHARS + 1)}
          onChange={(t) => edit({ actions: t.split('\n').slice(0, MAX_POSTMORTEM_LINES).map((l) => l.slice(0, MAX_POSTMORTEM_LINE_CHARS)) })}
          onSave={() => save()}
        />
        {text('wentWell', 3)}
        {text('wentBadly', 3)}
        <p role="status" className="pm-status">
          {flagged === 0 ? 'No blaming words found.' : `${flagged} ${flagged === 1 ? 'sentence blames' : 'sentences blame'} a person: see the suggestions under it.`}
        </p>
      </form>
      <div className="pm-tools">
        <button type="button" aria-expanded={comparing} onClick={() => { save(); setComparing((c) => !c); }}>
          {comparing ? 'Hide the comparison' : 'Compare with the team’s postmortem'}
        </button>
        <ExportButton scenario={scenario} run={run} postmortem={draft} />
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
      </div>
      {comparing && <PostmortemComparison scenario={scenario} postmortem={draft} />}
      <p className="review-saved">Saved in this browser as each field loses focus; it travels with the run’s file and link.</p>
    </>
  );
}

interface SectionProps {
  scenario: Scenario;
  run: Run;
  steps: readonly Step[];
  ending: string | null;
  endClock: number;
  onSave: (postmortem: Postmortem) => void;
}

/** The postmortem section of the end screen: an invitation to write it, then the editor. */
export default function PostmortemSection({ scenario, run, steps, ending, endClock, onSave }: SectionProps) {
  const id = useId();
  const start = () => {
    // Users were affected from the scenario's impact start to the verified recovery, as the debrief counts it.
    const impact = scoreRun(scenario, drillInputs(run)).userImpact;
    const minutes = impact.ongoing ? undefined : impact.minutes;
    onSave(draftPostmortem(scenario, steps, { ending, endClock, now: new Date().toISOString(), ...(minutes !== undefined ? { minutes } : {}), ...(run.trainee ? { authors: run.trainee } : {}) }));
  };
  return (
    <section aria-labelledby={id} className="pm">
      <h2 id={id}>Your postmortem</h2>
      {run.postmortem ? (
        <Editor key={run.id} scenario={scenario} run={run} postmortem={run.postmortem} onSave={onSave} />
      ) : (
        <>
          <p>Write it up as you would for the team: what happened, the impact, the timeline, the root cause, and what would stop it happening again. Blameless: about what the system allowed, not who typed what.</p>
          <button type="button" className="primary" onClick={start}>
            Write the postmortem
          </button>
        </>
      )}
    </section>
  );
}

/** A postmortem read (a mentor's review of the run, or the trainee's own run opened again). */
export function PostmortemView({ scenario, run, postmortem }: { scenario: Scenario; run: Run; postmortem: Postmortem }) {
  const id = useId();
  const who = postmortem.authors?.trim() || run.trainee?.trim();
  return (
    <section aria-labelledby={id} className="pm">
      <h2 id={id}>{who ? <><bdi>{who}</bdi>’s postmortem</> : 'The trainee’s postmortem'}</h2>
      <dl className="pm-read">
        {TEXT_SECTIONS.map((key) =>
          postmortem[key]?.trim() ? (
            <div key={key}>
              <dt>{SECTION_TITLES[key]}</dt>
              <dd className="pm-text">{postmortem[key]}</dd>
            </div>
          ) : null,
        )}
        {impactLine(postmortem) && (
          <div>
            <dt>Users affected</dt>
            <dd className="pm-text">{impactLine(postmortem)}</dd>
          </div>
        )}
        {postmortem.actions.some((a) => a.trim()) && (
          <div>
            <dt>{SECTION_TITLES.actions}</dt>
            <dd>
              <ul>
                {postmortem.actions.filter((a) => a.trim()).map((a, i) => (
                  <li key={i}>
                    <bdi>{a}</bdi>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
      <div className="pm-tools">
        <ExportButton scenario={scenario} run={run} postmortem={postmortem} />
      </div>
      <PostmortemComparison scenario={scenario} postmortem={postmortem} />
    </section>
  );
}
