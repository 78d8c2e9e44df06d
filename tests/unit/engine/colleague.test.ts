// @vitest-environment node
/**
 * Issue 8: Sami reads what the trainee writes. Each kind of message gets its own reply, and the
 * reply still follows what the trainee has found (the world's facts). Messages are as a trainee
 * would type them, not the scenario's own keywords.
 */
import { describe, expect, it } from 'vitest';
import { atMysqlPrompt, play } from './support';
import { score } from '../scoring/support';

/** The reply to `message`, after `before` (lines as typed), and the chat action it was. */
function ask(message: string, before: readonly string[] = []) {
  const { last } = play([...before, `chat: ${message}`]);
  return { action: last.actions[0], reply: last.output.join('\n') };
}

const foundNoData = [...atMysqlPrompt('db-master', 'SELECT COUNT(*) FROM users;'), 'exit'];
const foundCause = [...foundNoData, 'cat ~/.mysql_history'];

describe('Sami answers what was written', () => {
  it.each([
    ['hi', 'chat-greet', /^Sami: Morning! What's up\?$/],
    ['Hi Sami, the dashboard is down for logged-in users: 500 errors since 08:40.', 'tell-dev', /Thanks for telling me straight away/],
    ["I'm going to restart mysql on db-master", 'chat-propose-restart', /don't restart the production database while we don't know what's wrong/],
    ['should I restart nginx on web-01?', 'chat-propose-restart-web', /Nginx and the app process are up and serving/],
    ['how do I stop the replica?', 'chat-ask-replica', /STOP SLAVE SQL_THREAD; on db-replica\. But why the replica/],
    ["DELETE FROM programmes WHERE code='test' - is that the fix?", 'chat-propose-delete', /don't run any DELETE, or any write, on production now/],
    ["2020-05-04T08:39:46.878Z ERROR GET /dashboard 500 3ms - TypeError: Cannot read property 'features' of undefined", 'chat-paste-app-log', /failing to find the 'beta' row in programmes/],
    ['tunistocks.tn haproxy[1187]: 10.8.0.14:52114 [04/May/2020:08:40:12.334] https~ web/web-01 0/0/1/3/4 500 312 - - ---- 1/1/0/0/0 0/0 "GET /dashboard HTTP/1.1"', 'chat-paste-log', /request reaching the app and coming back with an error/],
    ['which servers do we have?', 'chat-ask-hosts', /lb-01 \(HAProxy\) sits in front of web-01 and web-02/],
    ["I'm stuck, what should I check next?", 'chat-ask-help', /Tell me what you see first/],
    ["it's fixed!", 'chat-done', /not from where I sit: \/dashboard still returns 500/],
    ['I think the tables are empty', 'chat-diagnosis', /Empty\? Show me before we act on it/],
    ['I want to restore from a backup', 'chat-restore-plan', /Don't copy data anywhere before we know which copy is good/],
    ['banana', 'chat-other', /I'm not following\. What do you see, and where\?/],
  ])('“%s” → %s', (message, action, reply) => {
    const answer = ask(message);
    expect(answer.action).toBe(action);
    expect(answer.reply).toMatch(reply);
  });

  it('ten different messages get ten different replies', () => {
    const messages = [
      'hi',
      "I'm going to restart mysql on db-master",
      'how do I stop the replica?',
      "DELETE FROM programmes WHERE code='test' - is that the fix?",
      "2020-05-04T08:39:46.877Z WARN  query returned 0 rows: SELECT id, features FROM programmes WHERE code = 'beta'",
      'the users table on db-master is empty and mysql_history shows my DELETE with the semicolon too early',
      'which servers are there?',
      'what should I do now?',
      "it's back, works now",
      'the site is down for logged-in users',
    ];
    const replies = messages.map((m) => ask(m, foundNoData).reply);
    expect(new Set(replies).size).toBe(10);
  });
});

describe('the reply follows what the trainee has found', () => {
  it('a correct diagnosis, once the history is read: Sami sees it and asks to freeze the replica', () => {
    const { action, reply } = ask('Found it: my DELETE from this morning, the semicolon came before WHERE. The tables are empty.', foundCause);
    expect(action).toBe('chat-diagnosis');
    expect(reply).toMatch(/the ; before WHERE made it DELETE FROM programmes.*STOP SLAVE SQL_THREAD;/s);
  });

  it('the same question about the replica, before and after stopping it', () => {
    expect(ask('is the replica ok?', foundCause).reply).toMatch(/the DELETE is already in its relay log and runs at 09:35/);
    const frozen = [...foundCause, 'exit', ...atMysqlPrompt('db-replica', 'STOP SLAVE SQL_THREAD;'), 'exit', 'exit'];
    expect(ask('is the replica ok?', frozen).reply).toMatch(/Its SQL thread is stopped, so it's frozen/);
  });

  it('a DELETE proposed after the history was read is named for what it is', () => {
    expect(ask("DELETE FROM programmes WHERE code='test' - is that the fix?", foundCause).reply).toMatch(/that's the OPS-112 statement/);
  });

  it('a restore plan before the replica is frozen is told to freeze it first', () => {
    expect(ask("I'll restore the master from the replica with mysqldump", foundCause).reply).toMatch(/freeze it first: STOP SLAVE SQL_THREAD;/);
  });
});

describe('telling Sami, as the score counts it', () => {
  it('"hi" is not an escalation; the report after it is', () => {
    const s = score(['chat: hi', 'curl -i https://tunistocks.tn/dashboard', 'chat: the dashboard fails with a 500 for logged-in users']);
    expect(s.communication.told).toBe(true);
    expect(s.communication.stepIndex).toBe(2);
    expect(score(['chat: hi', 'chat: hello?']).communication.told).toBe(false);
  });

  it('a pasted log line or a diagnosis tells Sami too', () => {
    expect(score(['chat: 2020-05-04T08:39:46.878Z ERROR GET /dashboard 500 3ms - TypeError']).communication.told).toBe(true);
    expect(score([...foundCause, 'chat: the tables are empty, my DELETE did it']).communication.told).toBe(true);
  });

  it('a message costs seconds: its typing and the reply, not a minute', () => {
    const { last } = play(['chat: hi']);
    expect(last.clock - last.startClock).toBe(20);
  });
});
