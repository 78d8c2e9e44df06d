// @vitest-environment node
/**
 * What the scenario does not know answers like a shell, costs a little time, and is kept in
 * the run so authors can see what trainees wanted to try. Odd input never crashes the engine.
 */
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_LENGTH } from '../../../src/engine/world';
import { atMysqlPrompt, mysqlWipe, on, play } from './support';

const unknownCost = Math.round(mysqlWipe.costs.unknown * 60);

describe('unknown commands', () => {
  it('answer "command not found", like bash', () => {
    const { last } = play(['frobnicate --now']);
    expect(last.output).toEqual(['frobnicate: command not found']);
    expect(last.recognised).toBe(false);
    expect(last.actions).toEqual([]);
  });

  it.each([
    ['crul https://tunistocks.tn', 'curl'],
    ['sssh web-01', 'ssh'],
    ['pign 8.8.8.8', 'ping'],
    ['mysqdump -h db-replica tunistocks', 'mysqldump'],
  ])('%s suggests %s', (line, program) => {
    const { last } = play([line]);
    // command-not-found's database has every archive command, installed or not: its spelling suggestion.
    expect(last.output.slice(0, 2)).toEqual(['', `Command '${line.split(' ')[0]}' not found, did you mean:`]);
    expect(last.output).toContain(`  command '${program}' from deb ${program === 'mysqldump' ? 'mysql-client-core-5.7' : program === 'ping' ? 'iputils-ping' : program === 'ssh' ? 'openssh-client' : program}`);
    // The hint is the drill's, beside bash's words, never inside them.
    expect(last.notes).toEqual([`Did you mean "${program}"?`]);
  });

  it('suggest only programs that exist on this host', () => {
    // nginx is installed on the web servers, not on the laptop
    expect(play(['ngnix -s reload']).last.notes ?? []).not.toContain('Did you mean "nginx"?');
    expect(play(on('web-01', 'ngnix -s reload')).last.notes).toContain('Did you mean "nginx"?');
  });

  it('do not suggest anything for a word far from every program', () => {
    expect(play(['xyzzy']).last.output).toEqual(['xyzzy: command not found']);
  });

  it('are kept as steps, in order, with what was typed', () => {
    const { steps } = play(['crul x', 'ls', 'make coffee']);
    expect(steps.map((s) => [s.input, s.recognised])).toEqual([
      ['crul x', false],
      ['ls', true],
      ['make coffee', false],
    ]);
  });

  it('cost the scenario’s price of an unknown command', () => {
    const { last } = play(['frobnicate']);
    expect(last.clock - last.startClock).toBe(unknownCost);
  });

  it('a known program with arguments no action names answers as the real one does', () => {
    const { last } = play(['ping nowhere.invalid']);
    expect(last.output).toEqual(['ping: nowhere.invalid: Name or service not known']);
    expect(last.recognised).toBe(true);
    expect(last.actions).toEqual([]);
  });

  it('unknown chat is still a message to the colleague, who asks what it means', () => {
    const { last } = play(['chat: 🤷']);
    expect(last.actions).toEqual(['chat-other']);
    expect(last.output[0]).toMatch(/^Sami: Sorry, I'm not following/);
  });
});

describe('odd input', () => {
  it('an empty line is a step that prints nothing and takes no time', () => {
    const { last, world } = play(['']);
    expect(last).toMatchObject({ input: '', output: [], recognised: true, actions: [] });
    expect(world.clock).toBe(last.startClock);
  });

  it('blank lines and tabs are empty too', () => {
    expect(play(['   \t  ']).last.input).toBe('');
  });

  it('a 10,000-character line is read without a crash, and longer lines are cut', () => {
    const long = play(['a'.repeat(10_000)]).last;
    expect(long.input).toHaveLength(10_000);
    expect(long.recognised).toBe(false);
    const longer = play([`echo ${'b'.repeat(50_000)}`]).last;
    expect(longer.input.length).toBeLessThanOrEqual(MAX_INPUT_LENGTH);
  });

  it('a long line of many words and operators is read', () => {
    const line = Array.from({ length: 1500 }, (_, i) => (i % 3 === 0 ? 'ls &&' : 'echo "x y" |')).join(' ') + ' ls';
    expect(() => play([line])).not.toThrow();
  });

  it('control characters are removed before the command is read', () => {
    const { last } = play(['l\u0000s\u0007\u0008']);
    expect(last.input).toBe('ls');
    expect(last.actions).toEqual(['list-files']);
  });

  it('pasted escape sequences are removed whole (colours, cursor keys, titles)', () => {
    expect(play(['\u001b[31mls\u001b[0m']).last.input).toBe('ls');
    expect(play(['\u001b[Als']).last.input).toBe('ls');
    expect(play(['\u001b]0;pwned\u0007ls']).last.input).toBe('ls');
    expect(play(['\u009b31mls']).last.input).toBe('31mls');
  });

  it('bidirectional overrides and zero-width characters are removed', () => {
    const { last } = play(['l\u202es\u200b']);
    expect(last.input).toBe('ls');
  });

  it.each([
    ['café', 'café: command not found'],
    ['😀 🚀', '😀: command not found'],
    ['مرحبا بالعالم', 'مرحبا: command not found'],
    ['שלום', 'שלום: command not found'],
    ['日本語のコマンド', '日本語のコマンド: command not found'],
    ['ping ８.８.８.８', 'ping: ８.８.８.８: Name or service not known'],
  ])('non-ASCII input %s is answered, not crashed on', (line, answer) => {
    const { last } = play([line]);
    expect(last.input).toBe(line);
    expect(last.output[0]).toBe(answer);
  });

  it('non-ASCII arguments pass through echo', () => {
    expect(play(['echo "café 😀 مرحبا"']).last.output).toEqual(['café 😀 مرحبا']);
  });

  it('non-ASCII SQL at the mysql> prompt is a syntax error', () => {
    const { last } = play(atMysqlPrompt('db-master', 'SÉLECT 😀;'));
    expect(last.output[0]).toMatch(/^ERROR 1064/);
  });

  it('chat with only control characters is an empty message', () => {
    expect(play(['chat: \u0001\u0002']).last).toMatchObject({ channel: 'chat', input: '', recognised: true, output: [] });
  });

  it('a lone surrogate does not crash', () => {
    expect(() => play(['\ud800ls', 'echo \udfff'])).not.toThrow();
  });
});
