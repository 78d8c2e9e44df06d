/**
 * "The site is back" means a signed-in user is served again, not that the app answers something:
 * the outage was for logged-in users, and an anonymous request gets the same 302 or 401 before and
 * after the restore. The fact is read off the world (the app counts signed-in pages it served
 * with a 2xx), so curl with a session cookie verifies as well as the browser does.
 */
import { describe, expect, it } from 'vitest';
import { inputFromLine, replayInputs } from '../../../src/engine/replay';
import { parseScenario } from '../../../src/scenario/load';
import { fillTemplate } from '../../../src/sim/net/http/template';
import { mysqlWipe } from '../scoring/support';

const restore = ['ssh db-master', 'mysqldump -h db-replica tunistocks > /tmp/r.sql', 'mysql tunistocks < /tmp/r.sql', 'exit'];
const account = mysqlWipe.world.hosts[mysqlWipe.startHost]!.network!.browser!.account!;
const login = (password: string) => `curl -s -c /tmp/jar -H 'Content-Type: application/json' -d '{"email":"${account.email}","password":"${password}"}' https://tunistocks.tn/api/v1/login`;

function play(lines: readonly string[]) {
  const snapshot = replayInputs(mysqlWipe, lines.map(inputFromLine));
  return { ending: snapshot.context.world.ending, facts: snapshot.context.world.facts, steps: snapshot.context.steps.map((s) => [...s.output]) };
}

describe('verifying the restore takes a signed-in page', () => {
  it('anonymous requests after the restore (302 to /login, 401 from the API, the login page itself) do not end the run', () => {
    const run = play([
      ...restore,
      'curl -i https://tunistocks.tn/dashboard',
      'curl -s -o /dev/null -w "%{http_code}\\n" https://tunistocks.tn/api/v1/portfolio',
      'wget -qO- https://tunistocks.tn/dashboard',
      login('Beta-test-2019'),
      'curl -s -b /tmp/jar https://tunistocks.tn/api/v1/portfolio',
    ]);
    expect(run.steps[restore.length]![0]).toBe('HTTP/1.1 302 Found');
    expect(run.steps[restore.length + 1]).toEqual(['401']);
    expect(run.steps.at(-2)).toEqual(['{"error":"Wrong email or password."}']);
    expect(run.steps.at(-1)).toEqual(['{"error":"Not logged in"}']);
    expect(run.facts.masterData).toBe('restored');
    expect(run.facts.siteVerified).toBe(false);
    expect(run.ending).toBeNull();
  }, 240_000);

  it('curl with the session cookie a real login set verifies it, and ends the run as the site being back', () => {
    const run = play([...restore, login(account.password), 'curl -s -b /tmp/jar https://tunistocks.tn/api/v1/portfolio']);
    const body = run.steps.at(-1)!.join('\n');
    expect(JSON.parse(body)).toMatchObject({ positions: expect.any(Array) });
    expect(run.facts.siteVerified).toBe(true);
    expect(run.ending).toBe('restored');
  }, 240_000);

  it('the browser signing in verifies it; a signed-in page before the restore is impossible (the app fails)', () => {
    expect(play([...restore, 'browser login']).ending).toBe('restored');
    const before = play(['browser login', login(account.password), 'curl -s -b /tmp/jar https://tunistocks.tn/api/v1/portfolio']);
    expect(before.facts.siteVerified).toBe(false);
    expect(before.ending).toBeNull();
  }, 240_000);

  it('a scenario whose action sets an observed fact is refused: the next step would overwrite it', () => {
    const data = structuredClone(mysqlWipe) as unknown as { actions: { id: string; effects?: unknown[] }[] };
    data.actions.find((a) => a.id === 'verify-curl')!.effects = [{ set: { siteVerified: true } }];
    const result = parseScenario(data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.message)).toContain('sets "siteVerified", which is read off the world ($.observe): the next step would overwrite it');
  });
});

describe('the app templates list rows as JSON does, without a trailing comma', () => {
  const scope = (n: number) => ({ values: new Map(), results: new Map([['rows', Array.from({ length: n }, (_, i) => ({ id: i + 1 }))]]) });
  const list = '[{{#each rows}}{"id":{{id}}}{{#unless @last}},{{/unless}}{{/each}}]';
  it.each([0, 1, 3])('%i rows give valid JSON', (n) => {
    expect(JSON.parse(fillTemplate(list, scope(n), 'json'))).toEqual(Array.from({ length: n }, (_, i) => ({ id: i + 1 })));
  });
  it('#if and @first', () => {
    expect(fillTemplate('{{#each rows}}{{#if @first}}>{{/if}}{{id}} {{/each}}', scope(2), 'none')).toBe('>1 2 ');
    expect(fillTemplate('{{#if missing}}x{{/if}}{{#unless missing}}y{{/unless}}', scope(0), 'none')).toBe('y');
  });
  it('every JSON route body of every app in the scenario renders as valid JSON after the restore', () => {
    const run = play([...restore, login(account.password), 'curl -s -b /tmp/jar https://tunistocks.tn/api/v1/watchlist', 'echo']);
    expect(() => JSON.parse(run.steps[restore.length + 1]!.join('\n'))).not.toThrow();
  }, 240_000);
});
