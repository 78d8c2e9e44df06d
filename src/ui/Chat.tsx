import { useEffect, useRef, useState } from 'react';
import type { Scenario } from '../scenario/schema';
import type { Step } from '../engine/replay';
import { clockLabel } from '../scoring/text';
import type { PendingInput } from '../store/currentRun';

interface ChatProps {
  scenario: Scenario;
  steps: readonly Step[];
  /** Inputs entered and not yet run: a message sent shows at once, its answer when its step has run. */
  pending?: readonly PendingInput[];
  disabled: boolean;
  onSend: (text: string) => void;
}

/**
 * The chat's messages: the colleague's greeting, then each message and its answer. `author` is
 * who wrote them ("You" in the drill, the trainee's name in a review); `live` announces new ones.
 */
export function ChatLog({ scenario, steps, pending = [], author = 'You', live = true }: { scenario: Scenario; steps: readonly Step[]; pending?: readonly PendingInput[]; author?: string; live?: boolean }) {
  const { colleague } = scenario;
  // The trainee's messages with their answers, and messages that arrive on their own (an inject: the CEO asking for news).
  const messages = steps.filter((s) => (s.channel === 'chat' && s.input !== '') || (s.incoming?.length ?? 0) > 0);
  const sending = pending.filter((p) => p.channel === 'chat');
  const log = useRef<HTMLDivElement>(null);
  // The newest message is the one to read: keep the log scrolled to its end.
  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length, sending.length]);
  return (
    <div ref={log} role="log" aria-live={live ? 'polite' : 'off'} aria-busy={sending.length > 0} aria-label={`Chat with ${colleague.name}`} className="chat-log" tabIndex={0}>
      <p className="message from-colleague">
        <span className="message-author">
          {colleague.name} ({colleague.role})
        </span>{' '}
        {colleague.greeting}
      </p>
      {messages.map((step, i) => (
        <div key={i}>
          {step.channel === 'chat' && step.input !== '' && (
            <p className="message from-you">
              <span className="message-author">
                <bdi>{author}</bdi>, {clockLabel(step.clock)}
              </span>{' '}
              {step.input}
            </p>
          )}
          {step.incoming?.map((message, j) => (
            <p className="message from-colleague" key={`in-${j}`}>
              <span className="message-author">
                <bdi>{message.from}</bdi>, {clockLabel(message.at)}
              </span>{' '}
              {message.text.join('\n')}
            </p>
          ))}
          {step.channel === 'chat' && step.output.length > 0 && (
            <p className="message from-colleague">
              <span className="message-author">{colleague.name}</span> {step.output.join('\n').replace(`${colleague.name}: `, '')}
            </p>
          )}
        </div>
      ))}
      {sending.map((input, i) => (
        <p className="message from-you" aria-hidden="true" key={`sending-${i}`}>
          <span className="message-author">
            <bdi>{author}</bdi>
          </span>{' '}
          {input.text}
        </p>
      ))}
    </div>
  );
}

export function Chat({ scenario, steps, pending, disabled, onSend }: ChatProps) {
  const [text, setText] = useState('');
  const { colleague } = scenario;
  return (
    <section className="chat" aria-labelledby="chat-title">
      <h2 id="chat-title" className="panel-title">
        Team chat
      </h2>
      <ChatLog scenario={scenario} steps={steps} pending={pending} />
      <form
        className="chat-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (disabled || text.trim() === '') return;
          onSend(text);
          setText('');
        }}
      >
        <label htmlFor="chat-message">Message to {colleague.name}</label>
        <div className="chat-row">
          <input id="chat-message" value={text} onChange={(e) => setText(e.target.value)} disabled={disabled} maxLength={2000} autoComplete="off" />
          <button type="submit" disabled={disabled}>
            Send
          </button>
        </div>
      </form>
    </section>
  );
}
