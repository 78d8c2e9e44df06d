// @vitest-environment node
/**
 * Many ways to say the same thing reach the same action; the host you are on decides what a
 * command can do.
 */
import { describe, expect, it } from 'vitest';
import { atMysqlPrompt, mysqlWipe, on, play, text } from './support';

/** The action ids the last of these lines performed. */
const actionsOf = (lines: string[]) => play(lines).last.actions;

const timelineEvent = (id: string) => mysqlWipe.timeline.events.find((e) => e.id === id)!;

describe('restarting Nginx on a web server', () => {
  it.each([
    'systemctl restart nginx',
    'sudo systemctl restart nginx',
    'sudo systemctl restart nginx.service',
    'sudo systemctl reload nginx',
    'sudo service nginx restart',
    'service nginx reload',
    'sudo nginx -s reload',
    'sudo -u root -H systemctl restart nginx',
  ])('%s', (line) => {
    expect(actionsOf(on('web-01', line))).toEqual(['restart-nginx']);
    expect(actionsOf(on('web-02', line))).toEqual(['restart-nginx']);
  });

  it('on the laptop answers that there is no nginx unit there, and does nothing', () => {
    for (const line of ['sudo systemctl restart nginx', 'sudo service nginx restart']) {
      const { last } = play([line]);
      expect(text(last)).toContain('Unit nginx.service not found');
      expect(last.actions).toEqual([]);
      expect(last.recognised).toBe(false);
    }
  });

  it('on the database servers gives the same answer', () => {
    expect(text(play(on('db-master', 'sudo systemctl restart nginx')).last)).toContain('Unit nginx.service not found');
  });

  it('with nginx itself on the laptop: the program is not installed there', () => {
    const { last } = play(['sudo nginx -s reload']);
    expect(last.output[0]).toBe('nginx: command not found');
    expect(text(last)).not.toContain('Did you mean "nginx"');
  });
});

describe('requesting the logged-in home page', () => {
  const curlEvent = timelineEvent('curl');

  it.each([
    ['curl -I https://tunistocks.tn/dashboard', 'curl-app-headers'],
    ['curl --head https://www.tunistocks.tn/dashboard/', 'curl-app-headers'],
    ['curl -sI https://tunistocks.tn/dashboard', 'curl-app-headers'],
    ['curl -v https://tunistocks.tn/dashboard', 'curl-app'],
    ['curl -i https://tunistocks.tn/dashboard', 'curl-app'],
    ['curl https://tunistocks.tn/dashboard', 'curl-app'],
    ['curl -X GET -H "Accept: application/json" https://tunistocks.tn/api/v1/me', 'curl-app'],
    ['wget https://tunistocks.tn/dashboard', 'curl-app'],
    ['wget -O - https://www.tunistocks.tn/portfolio', 'curl-app'],
  ])('%s', (line, action) => {
    const { last } = play([line]);
    expect(last.actions).toEqual([action]);
    expect(curlEvent.actions).toContain(action);
    expect(last.output[0]).toBe('HTTP/2 500');
  });

  it('curl -I and curl --head are the same request', () => {
    expect(play(['curl -I https://tunistocks.tn/dashboard']).last.output).toEqual(play(['curl --head https://tunistocks.tn/dashboard']).last.output);
  });

  it('the home page is not the failing page', () => {
    expect(actionsOf(['curl -I https://tunistocks.tn/'])).toEqual(['curl-home']);
  });
});

describe('connecting to MySQL', () => {
  it.each([
    'mysql -u root -p -h db-master',
    'mysql --host=db-master -uintern -p tunistocks',
    'mysql -uroot -p -hdb-master',
    'mysql -h 10.0.2.10 -u intern -p',
    'mysql -h db-master.tunistocks.internal --user=intern --password',
    'mysql -h localhost',
    'mysql',
  ])('on db-master: %s', (line) => {
    const { last, world } = play(on('db-master', line));
    expect(last.actions).toEqual(['mysql-connect']);
    expect(world.mode).toBe('mysql');
    expect(world.mysqlHost).toBe('db-master');
  });

  it('from a web server, to the host named with -h', () => {
    expect(play(on('web-01', 'mysql -u root -p -h db-master')).world.mysqlHost).toBe('db-master');
    expect(play(on('web-01', 'mysql --host=db-replica -uintern -p tunistocks')).world.mysqlHost).toBe('db-replica');
  });

  it('the database named on the command line is selected: no USE needed', () => {
    const { last } = play(on('db-master', 'mysql --host=db-master -uintern -p tunistocks', 'SELECT COUNT(*) FROM users;'));
    expect(last.actions).toEqual(['count-master']);
    expect(text(last)).toContain('|        0 |');
  });

  it('the prompt becomes mysql>', () => {
    const { steps } = play(on('db-master', 'mysql -u root -p -h db-master', 'SHOW DATABASES;'));
    expect(steps[steps.length - 1]!.prompt).toBe('mysql>');
  });

  it('from the laptop is refused: the databases accept connections from the servers only', () => {
    const { last, world } = play(['mysql -u root -p -h db-master']);
    expect(last.output[0]).toMatch(/^ERROR 2003 \(HY000\): Can't connect to MySQL server on 'db-master:3306'/);
    expect(world.mode).toBe('shell');
  });

  it('with -e runs the statement and stays in the shell', () => {
    const { last, world } = play(on('db-master', 'mysql -e "SELECT COUNT(*) FROM tunistocks.users"'));
    expect(last.actions).toEqual(['count-master']);
    expect(world.mode).toBe('shell');
  });
});

describe('reading the MySQL command history on db-master', () => {
  const deleteLine = "DELETE FROM programmes; WHERE code = 'test';";

  it.each(['cat ~/.mysql_history', 'tail ~/.mysql_history', 'less ~/.mysql_history', 'more .mysql_history', 'cat /home/intern/.mysql_history'])('%s shows the whole file', (line) => {
    const { last } = play(on('db-master', line));
    expect(last.actions).toEqual(['read-mysql-history']);
    expect(last.output).toContain(deleteLine);
    expect(last.output.length).toBeGreaterThan(3);
  });

  it.each(['grep DELETE ~/.mysql_history', 'grep -i delete ~/.mysql_history', 'cat ~/.mysql_history | grep DELETE', 'cat ~/.mysql_history | grep -i "delete from"'])(
    '%s shows only the matching line',
    (line) => {
      const { last } = play(on('db-master', line));
      expect(last.actions).toEqual(['read-mysql-history']);
      expect(last.output).toEqual([deleteLine]);
    },
  );

  it('grep -v leaves the DELETE out', () => {
    const { last } = play(on('db-master', 'grep -v DELETE ~/.mysql_history'));
    expect(last.output).not.toContain(deleteLine);
    expect(last.output.length).toBeGreaterThan(0);
  });

  it('head and tail -n show the first or last lines', () => {
    const whole = play(on('db-master', 'cat ~/.mysql_history')).last.output;
    expect(play(on('db-master', 'tail -n 2 ~/.mysql_history')).last.output).toEqual(whole.slice(-2));
    expect(play(on('db-master', 'head -n 1 ~/.mysql_history')).last.output).toEqual(whole.slice(0, 1));
  });

  it('finds the root cause', () => {
    expect(play(on('db-master', 'grep DELETE ~/.mysql_history')).world.facts.rootCauseFound).toBe(true);
  });

  it('there is no MySQL history on the laptop: the intern ran the client on db-master', () => {
    const { last, world } = play(['cat ~/.mysql_history']);
    expect(last.actions).toEqual([]);
    expect(text(last)).toContain('No such file or directory');
    expect(text(last)).toContain('db-master');
    expect(world.facts.rootCauseFound).toBe(false);
  });

  it('nor on the replica', () => {
    const { last } = play(on('db-replica', 'cat ~/.mysql_history'));
    expect(last.actions).toEqual([]);
    expect(last.output).toEqual(['cat: /home/intern/.mysql_history: No such file or directory']);
  });
});

describe('ssh', () => {
  it.each(['ssh db-master', 'ssh intern@10.0.2.10', 'ssh -p 22 intern@db-master.tunistocks.internal', 'ssh master', 'ssh -l intern db'])('%s logs in to db-master', (line) => {
    const { steps } = play([line, 'hostname']);
    expect(steps[0]!.actions).toEqual(['ssh']);
    expect(steps[1]!.prompt).toBe('intern@db-master:~$');
    expect(steps[1]!.output).toEqual(['db-master']);
  });

  it('exit comes back to the laptop', () => {
    const { steps } = play(['ssh web-01', 'exit', 'hostname']);
    expect(steps[1]!.output).toEqual(['logout', 'Connection to web-01 closed.']);
    expect(steps[2]!.prompt).toBe('intern@intern-laptop:~$');
  });

  it('a remote command runs there, and the trainee stays on the laptop', () => {
    const { steps } = play([`ssh db-master 'sudo systemctl status mysql'`, 'hostname']);
    expect(steps[0]!.actions).toEqual(['ssh', 'mysql-status']);
    expect(text(steps[0]!)).toContain('mysql.service');
    expect(steps[1]!.prompt).toBe('intern@intern-laptop:~$');
    expect(steps[1]!.output).toEqual(['intern-laptop']);
  });

  it('an unquoted remote command keeps its own options: they are not ssh’s', () => {
    const tail = play(['ssh web-01 tail -n 50 /var/log/tunistocks/app.log']).last;
    expect(tail.actions).toEqual(['ssh', 'app-log']);
    const grep = play(['ssh db-master grep -i delete .mysql_history']).last;
    expect(grep.actions).toEqual(['ssh', 'read-mysql-history']);
    expect(grep.output).toEqual(["DELETE FROM programmes; WHERE code = 'test';"]);
  });

  it('ssh’s own options may come before or just after the host', () => {
    expect(play(['ssh -p 22 db-master hostname']).last.output).toEqual(['db-master']);
    expect(play(['ssh db-master -p 22 hostname']).last.output).toEqual(['db-master']);
  });

  it('a remote command that exists only on that host works through ssh', () => {
    const { last } = play([`ssh web-01 'sudo systemctl restart nginx'`]);
    expect(last.actions).toEqual(['ssh', 'restart-nginx']);
  });

  it('to a host outside the company times out', () => {
    const { last, world } = play(['ssh 8.8.8.8']);
    expect(last.output[0]).toMatch(/port 22: Connection timed out/);
    expect(world.hostStack).toEqual(['laptop']);
  });

  it('to an unknown name cannot resolve it', () => {
    expect(play(['ssh nowhere.example']).last.output).toEqual(['ssh: Could not resolve hostname: Name or service not known']);
  });

  it('exit on the laptop goes nowhere', () => {
    const { last, world } = play(['exit']);
    expect(text(last)).toContain('nowhere to log out to');
    expect(world.hostStack).toEqual(['laptop']);
  });

  it('a list stops at ssh: what follows would be typed on the other host', () => {
    const { last, world } = play(['ssh web-01 && sudo systemctl restart nginx']);
    expect(last.actions).toEqual(['ssh']);
    expect(world.hostStack).toEqual(['laptop', 'web-01']);
  });
});

describe('commands that depend on the host', () => {
  it('the app log is on the web servers', () => {
    expect(actionsOf(on('web-02', 'tail -n 20 /var/log/tunistocks/app.log'))).toEqual(['app-log']);
    const { last } = play(['tail -n 20 /var/log/tunistocks/app.log']);
    expect(last.actions).toEqual([]);
    expect(text(last)).toContain('web-01 and web-02');
  });

  it('the browser is on the laptop only', () => {
    expect(actionsOf(['browser clear-cache'])).toEqual(['clear-cache']);
    expect(play(on('web-01', 'browser clear-cache')).last.output[0]).toBe('browser: command not found');
  });

  it('help lists the programs of the host you are on', () => {
    expect(play(['help']).last.output[0]).toContain('browser');
    expect(play(on('web-01', 'help')).last.output[0]).not.toContain('browser');
    expect(play(on('web-01', 'help')).last.output[0]).toContain('nginx');
  });

  it('SQL to the replica’s users table counts 1281 rows, to the master’s 0', () => {
    expect(text(play(atMysqlPrompt('db-replica', 'SELECT COUNT(*) FROM users;')).last)).toContain('|     1281 |');
    expect(text(play(atMysqlPrompt('db-master', 'SELECT COUNT(*) FROM users;')).last)).toContain('|        0 |');
  });
});

describe('every action in the menu', () => {
  /** Where to type an action's canonical command: the first host it runs on (MySQL hosts for SQL). */
  const linesFor = (action: (typeof mysqlWipe.actions)[number]): string[] => {
    if (action.channel === 'chat') return [`chat: ${action.command}`];
    if (action.channel === 'sql') return atMysqlPrompt((action.hosts?.[0] as 'db-master' | 'db-replica' | undefined) ?? 'db-master', action.command);
    return on(action.hosts?.[0] ?? mysqlWipe.startHost, action.command);
  };

  it.each(mysqlWipe.actions.map((a) => [a.id, a] as const))('%s: its command is recognised where it runs', (_id, action) => {
    const { last } = play(linesFor(action));
    // Some commands are shared by two actions (the verifying one needs the data back first).
    const sameCommand = mysqlWipe.actions.filter((a) => a.command === action.command && a.channel === action.channel).map((a) => a.id);
    expect(last.actions.some((id) => sameCommand.includes(id)), `${action.command} → ${last.output[0] ?? ''}`).toBe(true);
  });
});
