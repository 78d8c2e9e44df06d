// @vitest-environment node
/**
 * Issue 8: hints in tiers that follow what the trainee has found, and a menu that offers the
 * fixes only once the trainee has found what they fix.
 */
import { describe, expect, it } from 'vitest';
import { menuEntries } from '../../../src/engine/menu';
import { parseScenario } from '../../../src/scenario/load';
import { atMysqlPrompt, mysqlWipe, play } from './support';
import { reason, score } from '../scoring/support';

const hintLines = (lines: readonly string[]) => play(lines).steps.filter((s) => s.channel === 'hint').map((s) => s.notes!.join(' '));
const foundNoData = [...atMysqlPrompt('db-master', 'SELECT COUNT(*) FROM users;'), 'exit'];
const foundCause = [...foundNoData, 'cat ~/.mysql_history'];

describe('hints', () => {
  it('come in three tiers: a nudge, a pointer, then the command; asking again repeats the command', () => {
    const [nudge, pointer, command, again] = hintLines(['hint', 'hint', 'hint', 'hint']);
    expect(nudge).toBe('Hint, a nudge (1 of 3): The home page loads, but logged-in pages fail. What is different about them?');
    expect(pointer).toMatch(/^Hint, a pointer \(2 of 3\): Pings, caches and Nginx restarts can't explain/);
    expect(command).toBe('Hint, the command (3 of 3): curl -i https://tunistocks.tn/dashboard');
    expect(again).toBe('Hint, the command (3 of 3) (asked again): curl -i https://tunistocks.tn/dashboard');
  });

  it('follow what the trainee has already learnt, each hint starting at its nudge', () => {
    expect(hintLines(['curl -i https://tunistocks.tn/dashboard', 'hint'])[0]).toMatch(/^Hint, a nudge \(1 of 3\): The app answers 500 for logged-in pages/);
    expect(hintLines([...foundNoData, 'hint'])[0]).toMatch(/What could have emptied them this morning\?$/);
    expect(hintLines([...foundCause, 'hint', 'hint', 'hint'])[2]).toBe('Hint, the command (3 of 3): on db-replica, in mysql: STOP SLAVE SQL_THREAD;');
    const frozen = [...foundCause, 'exit', ...atMysqlPrompt('db-replica', 'STOP SLAVE SQL_THREAD;'), 'exit', 'exit'];
    expect(hintLines([...frozen, 'hint'])[0]).toMatch(/You know what happened and where a good copy is/);
  });

  it('cost no simulated time, move nothing in the world, and are typed as `hint` at any prompt', () => {
    const before = play(foundNoData.slice(0, 2));
    const after = play([...foundNoData.slice(0, 2), 'hint']);
    expect(after.last.channel).toBe('hint');
    expect(after.last.clock).toBe(before.world.clock);
    expect(after.world.facts).toEqual(before.world.facts);
    expect(after.world.mode).toBe('mysql');
  });

  it('cost points by the highest tier asked for, shown in the score', () => {
    const careful = score(['hint', 'curl -i https://tunistocks.tn/dashboard']);
    expect(careful.hints).toEqual([expect.objectContaining({ id: 'start', tier: 1, asked: 1, points: 1 })]);
    const three = score(['hint', 'hint', 'hint', 'curl -i https://tunistocks.tn/dashboard', 'hint']);
    expect(three.hints.map((h) => [h.id, h.tier, h.asked, h.points])).toEqual([
      ['start', 3, 3, 6],
      ['data', 1, 1, 1],
    ]);
    expect(three.points.byCategory.hints).toBe(7);
    expect(three.points.deductions.filter((d) => d.category === 'hints').map((d) => reason(three, d))).toEqual(['At 08:40, up to the command (asked 3 times).', 'At 08:40:30, up to a nudge.']);
  });

  it('a scenario without hints says so in the drill’s voice', () => {
    const { hints: _, ...rest } = mysqlWipe;
    const bare = { ...rest } as typeof mysqlWipe;
    const { last } = play(['hint'], bare);
    expect(last.notes).toEqual(['This drill has no hints: ask on team chat.']);
    expect(last.hint).toBeUndefined();
  });
});

describe('the actions menu follows understanding', () => {
  const commandsAfter = (lines: readonly string[]) => menuEntries(mysqlWipe, play(lines).world).map((e) => e.key);

  it('on web-01 before any diagnosis, offers no restore and no replica control', () => {
    const keys = commandsAfter(['ssh web-01']);
    expect(keys).not.toContain('dump-replica-into-master');
    expect(keys).not.toContain('load-dump-into-master');
    expect(keys).toContain('app-log');
  });

  it('at the replica’s mysql> prompt, stopping it is offered only once the trainee has found the empty master', () => {
    expect(commandsAfter(atMysqlPrompt('db-replica'))).not.toContain('stop-replica');
    expect(commandsAfter([...foundNoData, 'exit', ...atMysqlPrompt('db-replica')])).toContain('stop-replica');
  });

  it('on db-master, the history and the restores appear once the empty tables were seen', () => {
    expect(commandsAfter(['ssh db-master'])).not.toContain('read-mysql-history');
    const keys = commandsAfter(foundNoData);
    expect(keys).toContain('read-mysql-history');
    expect(keys).toContain('dump-replica');
    expect(keys).toContain('load-dump-into-master');
  });

  it('typing a fix works whether or not the menu offers it yet', () => {
    const { last } = play(['ssh db-master', 'mysqldump -h db-replica --single-transaction tunistocks > /tmp/r.sql']);
    expect(last.actions).toContain('dump-replica');
  });
});

describe('the scenario format checks the new fields', () => {
  const withAction = (patch: Record<string, unknown>) => ({ ...JSON.parse(JSON.stringify(mysqlWipe)), actions: [...mysqlWipe.actions.map((a) => (a.id === 'ssh' ? { ...a, ...patch } : a))] });

  it('keywords only on chat actions, offerWhen only on commands, with facts that exist', () => {
    const keywords = parseScenario(withAction({ keywords: { ssh: 2 } }));
    expect(!keywords.ok && keywords.problems.map((p) => p.message)).toContain('is only for chat actions: commands are recognised by their patterns');
    const offer = parseScenario(withAction({ offerWhen: [{ noSuchFact: true }] }));
    expect(offer.ok).toBe(false);
  });

  it('hint ids are unique, and their conditions name declared facts', () => {
    const twice = parseScenario({ ...JSON.parse(JSON.stringify(mysqlWipe)), hints: [mysqlWipe.hints![0], mysqlWipe.hints![0]] });
    expect(!twice.ok && twice.problems.map((p) => p.path)).toContain('$.hints[1].id');
    const badFact = parseScenario({ ...JSON.parse(JSON.stringify(mysqlWipe)), hints: [{ ...mysqlWipe.hints![0], when: { nope: true } }] });
    expect(badFact.ok).toBe(false);
  });
});
