/**
 * The facilitator's console: a second window of the same browser (the drill on the projector,
 * this on the laptop), in sync through a BroadcastChannel (protocol.ts). Pause and resume,
 * injects, hints of a chosen tier, questions for the room, notes; a private view of the world and
 * of where the team was at this minute. Everything it does is recorded in the run by the drill.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { FACILITATOR_CHANNEL, MAX_ACT_CHARS, SILENCE_MS, isDrillMessage, type ConsoleState } from './protocol';
import './console.css';

const TIERS = ['Nudge', 'Pointer', 'Command'] as const;

const STAGES: Readonly<Record<NonNullable<ConsoleState['stage']>, string>> = {
  briefing: 'on the briefing: not started yet',
  investigating: 'running',
  paused: 'paused by the trainee',
  held: 'paused by you',
  resolved: 'over: resolved',
  failed: 'over: failed',
};

function useDrillChannel() {
  const [state, setState] = useState<ConsoleState | null>(null);
  const [heardAt, setHeardAt] = useState(0);
  const [now, setNow] = useState(0);
  const channel = useRef<BroadcastChannel | null>(null);
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const c = new BroadcastChannel(FACILITATOR_CHANNEL);
    channel.current = c;
    c.onmessage = (event: MessageEvent<unknown>) => {
      const message = event.data;
      if (!isDrillMessage(message)) return;
      if (message.type === 'bye') setHeardAt(0);
      else {
        setState(message);
        setHeardAt(Date.now());
      }
    };
    c.postMessage({ type: 'hello' });
    const tick = setInterval(() => setNow(Date.now()), 1_000);
    return () => {
      clearInterval(tick);
      c.close();
      channel.current = null;
    };
  }, []);
  const connected = heardAt > 0 && (now === 0 || now - heardAt < SILENCE_MS);
  const act = (text: string) => channel.current?.postMessage({ type: 'act', text: text.slice(0, MAX_ACT_CHARS) });
  return { state, connected, act, supported: typeof BroadcastChannel !== 'undefined' };
}

function Section({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={className ? `console-card ${className}` : 'console-card'}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export default function FacilitatorConsole() {
  const { state, connected, act, supported } = useDrillChannel();
  const [note, setNote] = useState('');
  const noteId = useId();
  const live = connected && (state?.stage === 'investigating' || state?.stage === 'paused' || state?.stage === 'held');
  useEffect(() => {
    document.title = 'Facilitator console · Outage Drill';
  }, []);
  return (
    <main id="main" className="console" tabIndex={-1}>
      <h1>Facilitator console</h1>
      <p role="status" className={connected ? 'console-on' : 'console-off'}>
        {!supported
          ? 'This browser cannot link two windows (no BroadcastChannel): run the session from the drill’s own window.'
          : connected && state?.scenario
            ? `Connected to the drill: ${state.scenario.title}${state.trainee ? `, ${state.trainee} driving` : ''}. ${state.stage ? `The drill is ${STAGES[state.stage]}.` : ''}`
            : connected
              ? 'Connected to the drill: no scenario open yet.'
              : 'Not connected: open Outage Drill in another window or tab of this browser (the projector’s). This console finds it by itself.'}
      </p>
      {state?.scenario && (
        <div className="console-grid">
          <Section title="The drill now">
            <p className="console-clock">
              <span className="visually-hidden">Clock: </span>
              {state.clock} {state.scenario.timezone} · on <strong>{state.host}</strong>
            </p>
            <div className="console-row">
              <button type="button" disabled={!live || state.stage === 'held'} onClick={() => act('pause')}>
                Pause the drill
              </button>
              <button type="button" disabled={!live || state.stage === 'investigating'} onClick={() => act('resume')}>
                Resume the drill
              </button>
            </div>
            <h3>Last steps</h3>
            {state.recent.length === 0 ? (
              <p>None yet.</p>
            ) : (
              <ol className="console-recent">
                {state.recent.map((s, i) => (
                  <li key={i}>
                    <span className="console-time">{s.clock}</span> <span className="console-where">{s.where}</span> <code>{s.input}</code>
                  </li>
                ))}
              </ol>
            )}
          </Section>
          <Section title="Inject a complication">
            {state.injects.length === 0 ? (
              <p>This scenario has no injects.</p>
            ) : (
              <ul className="console-list">
                {state.injects.map((i) => (
                  <li key={i.id}>
                    <button type="button" disabled={i.unavailable !== null} onClick={() => act(`inject ${i.id}`)} aria-describedby={`inject-${i.id}`}>
                      {i.title}
                    </button>
                    <span id={`inject-${i.id}`} className="console-detail">
                      {i.description}
                      {i.unavailable && <> (not now: {i.unavailable})</>}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title="Reveal a hint">
            <ul className="console-list">
              {TIERS.map((tier, i) => (
                <li key={tier}>
                  <button type="button" disabled={!live || !state.hints[i]} onClick={() => act(`hint ${i + 1}`)} aria-describedby={`hint-${i}`}>
                    Show the {tier.toLowerCase()}
                  </button>
                  <span id={`hint-${i}`} className="console-detail">
                    {state.hints[i] ?? 'No hint fits where the trainee stands.'}
                  </span>
                </li>
              ))}
            </ul>
          </Section>
          <Section title="Ask the room">
            <ul className="console-list">
              {state.prompts.map((p) => (
                <li key={p.id}>
                  <button type="button" disabled={!live} onClick={() => act(`prompt ${p.id}`)}>
                    Show
                  </button>{' '}
                  {p.text}
                </li>
              ))}
            </ul>
          </Section>
          <Section title="Your notes and actions">
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (!note.trim() || !live) return;
                act(`note ${note.trim()}`);
                setNote('');
              }}
            >
              <label htmlFor={noteId}>A note, kept in the run with the drill’s clock (the room does not see it)</label>
              <textarea id={noteId} rows={2} value={note} maxLength={MAX_ACT_CHARS - 5} onChange={(e) => setNote(e.target.value)} />
              <button type="submit" disabled={!live || !note.trim()}>
                Add the note
              </button>
            </form>
            {state.log.length > 0 && (
              <ol className="console-log" aria-label="What you did">
                {state.log.map((entry, i) => (
                  <li key={i} className={entry.done ? undefined : 'console-refused'}>
                    <span className="console-time">{entry.clock}</span> <code>{entry.command}</code> {entry.lines.join(' ')}
                  </li>
                ))}
              </ol>
            )}
          </Section>
          <Section title="Where the team was" className="console-team">
            <ol className="console-timeline">
              {state.team.map((e, i) => {
                const current = e.passed && !state.team[i + 1]?.passed;
                return (
                  <li key={i} className={e.passed ? 'console-passed' : undefined} aria-current={current ? 'step' : undefined}>
                    <span className="console-time">{e.at}</span> {e.who}: {e.what}
                    {current && <strong> ← the team was here at this minute</strong>}
                  </li>
                );
              })}
            </ol>
          </Section>
          <Section title="The world (only you see this)" className="console-facts">
            <table>
              <caption className="visually-hidden">The scenario’s facts now</caption>
              <thead>
                <tr>
                  <th scope="col">Fact</th>
                  <th scope="col">Now</th>
                </tr>
              </thead>
              <tbody>
                {state.facts.map(([k, v]) => (
                  <tr key={k}>
                    <th scope="row">
                      <code>{k}</code>
                    </th>
                    <td>{v}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
        </div>
      )}
    </main>
  );
}
