// @vitest-environment node
/**
 * The command parser reads what people type the way bash and getopt would: quotes, sudo,
 * option clusters, long options, pipes, redirections and lists. Nothing here executes.
 */
import { describe, expect, it } from 'vitest';
import { normaliseStatement, parseLine, programName, tokenize, type SimpleCommand } from '../../../src/engine/shell';
import { scanSql } from '../../../src/engine/recognise';
import { newScan } from '../../../src/sim/mysql/scan';
import { mysqlWipe, play } from './support';

const syntaxOf = (program: string) => mysqlWipe.programs[program];

/** The pipelines of a line that must parse. */
function parse(line: string): SimpleCommand[][] {
  const result = parseLine(line, syntaxOf);
  if (!result.ok) throw new Error(`"${line}" did not parse: ${result.error}`);
  return result.list;
}

/** The only command of a line that holds one. */
function only(line: string): SimpleCommand {
  const list = parse(line);
  expect(list).toHaveLength(1);
  expect(list[0]).toHaveLength(1);
  return list[0]![0]!;
}

function parseError(line: string): string {
  const result = parseLine(line, syntaxOf);
  if (result.ok) throw new Error(`"${line}" parsed, but bash refuses it`);
  return result.error;
}

describe('quotes and escapes', () => {
  it('keeps quoted spaces inside one word, in single and double quotes', () => {
    expect(only(`echo "a b" 'c  d'`).args).toEqual(['a b', 'c  d']);
  });

  it('joins adjacent quoted and unquoted parts into one word', () => {
    expect(only(`echo "it"'s'here`).args).toEqual(['itshere']);
    expect(only(`echo "it's"`).args).toEqual(["it's"]);
  });

  it('keeps an empty quoted word', () => {
    expect(only(`echo "" x`).args).toEqual(['', 'x']);
  });

  it('does not treat operators inside quotes as operators', () => {
    expect(only(`echo "a | b && c; d > e"`).args).toEqual(['a | b && c; d > e']);
  });

  it('reads a backslash as escaping the next character', () => {
    expect(only('echo a\\ b \\|').args).toEqual(['a b', '|']);
  });

  it('ignores a comment after the command', () => {
    expect(only('ls -la # what is here?').args).toEqual([]);
  });

  it('answers an unterminated quote the way bash does', () => {
    expect(parseError(`echo 'it`)).toBe("unexpected EOF while looking for matching `''");
    expect(parseError(`mysql -e "SELECT 1`)).toBe('unexpected EOF while looking for matching `"\'');
    expect(tokenize(`echo "half`)).toEqual({ ok: false, error: 'unexpected EOF while looking for matching `"\'' });
  });

  it('shows that error in the terminal with the login shell\'s "-bash:" prefix, as a step that was not recognised', () => {
    const { last } = play([`ssh db-master 'sudo systemctl status mysql`]);
    expect(last.output).toEqual(["-bash: unexpected EOF while looking for matching `''"]);
    expect(last.actions).toEqual([]);
  });

  it('a line bash refuses is not recognised', () => {
    expect(play([`ssh db-master 'sudo systemctl status mysql`]).last.recognised).toBe(false);
  });
});

describe('sudo', () => {
  it('is stripped and remembered', () => {
    const command = only('sudo systemctl restart nginx');
    expect(command).toMatchObject({ program: 'systemctl', sudo: true, args: ['restart', 'nginx'] });
  });

  it('skips its own options, with and without values', () => {
    expect(only('sudo -u root -H systemctl restart nginx')).toMatchObject({ program: 'systemctl', sudo: true, args: ['restart', 'nginx'] });
    expect(only('sudo -E -u root service nginx restart')).toMatchObject({ program: 'service', args: ['nginx', 'restart'] });
    expect(only('sudo sudo -n tail /var/log/mysql/error.log')).toMatchObject({ program: 'tail', sudo: true });
  });

  it('skips leading environment assignments', () => {
    expect(only('LANG=C curl -I https://tunistocks.tn/')).toMatchObject({ program: 'curl', args: ['https://tunistocks.tn/'] });
  });

  it('is not set when the trainee did not type it', () => {
    expect(only('systemctl restart nginx').sudo).toBe(false);
  });

  it('reads the program name without its path', () => {
    expect(only('/usr/bin/curl https://tunistocks.tn').program).toBe('curl');
    expect(programName('./deploy.sh')).toBe('deploy.sh');
    expect(programName('/')).toBe('/');
  });
});

describe('options', () => {
  it('splits a cluster of flags (-tuln) into single flags', () => {
    const command = only('ss -tuln');
    expect([...command.options.keys()].sort()).toEqual(['-l', '-n', '-t', '-u']);
    expect(command.args).toEqual([]);
  });

  it('reads -uroot and -hdb-master as options with attached values', () => {
    const command = only('mysql -uroot -p -hdb-master');
    expect(command.options.get('-u')).toBe('root');
    expect(command.options.get('-h')).toBe('db-master');
    expect(command.options.get('-p')).toBe(true);
  });

  it('reads a value option followed by its value, in any order', () => {
    const a = only('mysql -u root -p -h db-master');
    const b = only('mysql -h db-master -p -u root');
    expect(Object.fromEntries(a.options)).toEqual(Object.fromEntries(b.options));
  });

  it('reads --long=value and --long value, and maps long options to their short form', () => {
    const command = only('mysql --host=db-master --user intern --password tunistocks');
    expect(command.options.get('-h')).toBe('db-master');
    expect(command.options.get('-u')).toBe('intern');
    expect(command.options.get('-p')).toBe(true);
    expect(command.args).toEqual(['tunistocks']);
    expect(only('curl --head https://tunistocks.tn/').options.get('-I')).toBe(true);
  });

  it('treats everything after -- as arguments', () => {
    expect(only('grep -- -v notes.txt').args).toEqual(['-v', 'notes.txt']);
  });

  it('reads options only up to the remote command for ssh-like programs', () => {
    const ssh = (line: string) => {
      const result = parseLine(line, (name) => (name === 'ssh' ? { ...mysqlWipe.programs.ssh, argumentsOnlyFrom: 2 } : undefined));
      if (!result.ok) throw new Error(result.error);
      return result.list[0]![0]!;
    };
    const remote = ssh('ssh -p 22 web-01 -i key tail -n 5 app.log');
    expect(Object.fromEntries(remote.options)).toEqual({ '-p': '22', '-i': 'key' });
    expect(remote.args).toEqual(['web-01', 'tail', '-n', '5', 'app.log']);
  });

  it('keeps a lone - as an argument', () => {
    expect(only('cat -').args).toEqual(['-']);
  });
});

describe('pipes, redirections and lists', () => {
  it('reads a pipeline as one list item with a command per stage', () => {
    const list = parse('cat ~/.mysql_history | grep -i delete | tail -n 2');
    expect(list).toHaveLength(1);
    expect(list[0]!.map((c) => c.program)).toEqual(['cat', 'grep', 'tail']);
    expect(list[0]![2]!.options.get('-n')).toBe('2');
  });

  it('sets redirections aside from the arguments', () => {
    const command = only('mysqldump -h db-replica --single-transaction tunistocks > /tmp/tunistocks-replica.sql');
    expect(command.args).toEqual(['tunistocks']);
    expect(command.redirects.get('>')).toBe('/tmp/tunistocks-replica.sql');
    expect(only('mysql tunistocks < /tmp/dump.sql').redirects.get('<')).toBe('/tmp/dump.sql');
  });

  it('reads >> as an output redirection and 2> as a separate stream', () => {
    expect(only('echo hi >> notes.txt').redirects.get('>')).toBe('notes.txt');
    const command = only('ls /root 2>/dev/null');
    expect(command.redirects.get('2>')).toBe('/dev/null');
    expect(command.args).toEqual(['/root']);
  });

  it('ignores 2>&1', () => {
    expect(only('curl -v https://tunistocks.tn 2>&1').args).toEqual(['https://tunistocks.tn']);
  });

  it('splits a list on &&, || and ;', () => {
    expect(parse('ssh web-01 && sudo systemctl restart nginx').map((p) => p[0]!.program)).toEqual(['ssh', 'systemctl']);
    expect(parse('ls; pwd ; whoami').map((p) => p[0]!.program)).toEqual(['ls', 'pwd', 'whoami']);
    expect(parse('ping -c 1 8.8.8.8 || echo down').map((p) => p[0]!.program)).toEqual(['ping', 'echo']);
  });

  it('accepts a trailing ; and an empty line', () => {
    expect(parse('ls;')).toHaveLength(1);
    expect(parse('')).toEqual([]);
    expect(parse('   # only a comment')).toEqual([]);
  });
});

describe('syntax errors, worded as bash words them', () => {
  it.each([
    ['| ls', "syntax error near unexpected token `|'"],
    ['ls | | grep x', "syntax error near unexpected token `|'"],
    ['&& ls', "syntax error near unexpected token `&&'"],
    [';', "syntax error near unexpected token `;'"],
    ['ls ; ;', "syntax error near unexpected token `;'"],
    ['ls >', "syntax error near unexpected token `newline'"],
    ['cat < | ls', "syntax error near unexpected token `|'"],
    ['ls &&', 'syntax error: unexpected end of file'],
    ['ls ||', 'syntax error: unexpected end of file'],
  ])('%s', (line, error) => {
    expect(parseError(line)).toBe(error);
  });

  it('a syntax error runs nothing', () => {
    const { last } = play(['ls &&']);
    expect(last.output).toEqual(['-bash: syntax error: unexpected end of file']);
    expect(last.actions).toEqual([]);
  });

  it('a syntax error costs the price of an unknown command', () => {
    const { last, world } = play(['ls &&']);
    expect(world.clock - last.startClock).toBe(Math.round(mysqlWipe.costs.unknown * 60));
  });
});

describe('SQL typed at the mysql> prompt', () => {
  it('reads statements as the client does: ended by ; or \\G, never inside quotes; the rest waits', () => {
    const statements = (text: string) => scanSql(newScan(), text).statements;
    expect(statements("SHOW DATABASES; SELECT 'a;b' FROM t;")).toEqual(['SHOW DATABASES', "SELECT 'a;b' FROM t"]);
    expect(statements('SHOW SLAVE STATUS\\G')).toEqual(['SHOW SLAVE STATUS']);
    const waiting = scanSql(newScan(), "SELECT 'it\\'s;' ; SELECT");
    expect(waiting.statements).toEqual(["SELECT 'it\\'s;'"]);
    expect(waiting.state.buffer.trim()).toBe('SELECT');
    expect(scanSql(waiting.state, 'COUNT(*) FROM users;').statements).toEqual(['SELECT\nCOUNT(*) FROM users']);
    expect(scanSql(newScan(), 'use tunistocks; help')).toMatchObject({ statements: ['use tunistocks', 'help'], commands: 2 });
    expect(scanSql(newScan(), 'exit')).toMatchObject({ statements: ['quit'], commands: 1 });
  });

  it('normalises spaces and backticks', () => {
    expect(normaliseStatement('SELECT  COUNT(*)\n FROM `users`')).toBe('SELECT COUNT(*) FROM users');
  });
});
