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
      // systemctl and service exist on the laptop: the command is known, the unit is not.
      expect(last.recognised).toBe(true);
    }
  });

  it('on the database servers gives the same answer', () => {
    expect(text(play(on('db-master', 'sudo systemctl restart nginx')).last)).toContain('Unit nginx.service not found');
  });

  it('with nginx itself on the laptop: the program is not installed there', () => {
    const { last } = play(['sudo nginx -s reload']);
    expect(last.output[0]).toBe('sudo: nginx: command not found');
    expect(text(last)).not.toContain('Did you mean "nginx"');
  });
});

describe('requesting the logged-in home page', () => {
  const curlEvent = timelineEvent('curl');

  // What each tool shows of the app's 500: the status line (-I, -i, -v), the error page or JSON
  // body (plain curl), or wget's "ERROR 500" (it saves nothing of an error response).
  // (curl passes the header lines on as the server sent them, with their CR.)
  const statusLine = /^(< )?HTTP\/1\.1 500 Internal Server Error\r?$/;
  it.each([
    ['curl -I https://tunistocks.tn/dashboard', 'curl-app-headers', statusLine],
    ['curl --head https://www.tunistocks.tn/dashboard/', 'curl-app-headers', statusLine],
    ['curl -sI https://tunistocks.tn/dashboard', 'curl-app-headers', statusLine],
    ['curl -v https://tunistocks.tn/dashboard', 'curl-app', statusLine],
    ['curl -i https://tunistocks.tn/dashboard', 'curl-app', statusLine],
    ['curl https://tunistocks.tn/dashboard', 'curl-app', /^<h1>Something went wrong<\/h1>$/],
    ['curl -X GET -H "Accept: application/json" https://tunistocks.tn/api/v1/me', 'curl-app', /^\{"error":"Something went wrong\. Please try again later\.","requestId":"[0-9a-f]{32}"\}$/],
    ['wget https://tunistocks.tn/dashboard', 'curl-app', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ERROR 500: Internal Server Error\.$/],
    ['wget -O - https://www.tunistocks.tn/portfolio', 'curl-app', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ERROR 500: Internal Server Error\.$/],
  ])('%s', (line, action, shows) => {
    const { last } = play([line]);
    expect(last.actions).toEqual([action]);
    expect(curlEvent.actions).toContain(action);
    expect(last.output.some((l) => shows.test(l)), last.output.join('\n')).toBe(true);
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
    'mysql --host=db-master -uintern -p tunistocks',
    'mysql -h 10.0.2.10 -u intern -p',
    'mysql -h db-master.tunistocks.internal --user=intern --password',
    'mysql -h localhost',
    // ~/.my.cnf on the database servers holds intern's password.
    'mysql',
  ])('on db-master: %s', (line) => {
    const { last, world } = play(on('db-master', line));
    expect(last.actions).toEqual(['mysql-connect']);
    expect(text(last)).toContain('Server version: 8.0.19 MySQL Community Server - GPL');
    expect(world.mode).toBe('mysql');
    expect(world.mysqlHost).toBe('db-master');
  });

  it.each([
    // root@localhost logs in with auth_socket: only the OS user root, over the socket.
    ['mysql -h localhost -u root -p', "ERROR 1698 (28000): Access denied for user 'root'@'localhost'"],
    // Over TCP, even to its own name, the server sees the client come from db-master: no root account for that.
    ['mysql -u root -p -h db-master', "ERROR 1045 (28000): Access denied for user 'root'@'db-master' (using password: NO)"],
    ['mysql -uroot -p -hdb-master', "ERROR 1045 (28000): Access denied for user 'root'@'db-master' (using password: NO)"],
  ])('on db-master as root, whose password you do not know, is refused: %s', (line, error) => {
    const { last, world } = play(on('db-master', line));
    expect(last.actions).toEqual(['mysql-connect']);
    expect(last.output).toEqual(['Enter password: ', error]);
    expect((last.notes ?? []).join(' ')).toMatch(/pressed Enter/);
    expect(world.mode).toBe('shell');
  });

  it('from a web server, to the host named with -h', () => {
    expect(play(on('web-01', 'mysql -u intern -p -h db-master')).world.mysqlHost).toBe('db-master');
    expect(play(on('web-01', 'mysql --host=db-replica -uintern -p tunistocks')).world.mysqlHost).toBe('db-replica');
  });

  it('the database named on the command line is selected: no USE needed', () => {
    const { last } = play(on('db-master', 'mysql --host=db-master -uintern -p tunistocks', 'SELECT COUNT(*) FROM users;'));
    expect(last.actions).toEqual(['count-master']);
    expect(text(last)).toContain('|        0 |');
  });

  it('the prompt becomes mysql>', () => {
    const { steps } = play(on('db-master', 'mysql -u intern -p -h db-master', 'SHOW DATABASES;'));
    expect(steps[steps.length - 1]!.prompt).toBe('mysql>');
    expect(steps[steps.length - 1]!.output).toContain('| tunistocks         |');
  });

  it('from the laptop times out: the databases’ firewall drops 3306 from the VPN', () => {
    for (const line of ['mysql -u intern -p -h db-master', 'mysql -u intern -p -h 10.0.2.11 tunistocks']) {
      const { last, world } = play([line]);
      const host = line.includes('10.0.2.11') ? '10.0.2.11' : 'db-master';
      expect(last.output).toEqual(['Enter password: ', `ERROR 2003 (HY000): Can't connect to MySQL server on '${host}' (110)`]);
      expect((last.notes ?? []).join(' ')).toMatch(/did not make you wait/);
      expect(world.mode).toBe('shell');
    }
    // The same port is open to the web servers.
    expect(play(on('web-02', 'mysql -u intern -p -h db-replica')).world.mode).toBe('mysql');
  });

  it('with -e runs the statement and stays in the shell', () => {
    const { last, world } = play(on('db-master', 'mysql -e "SELECT COUNT(*) FROM tunistocks.users"'));
    // The statement's own action is not credited (the client opening is): see the report on recognise.ts.
    expect(last.actions).toEqual(['mysql-connect']);
    expect(last.output).toEqual(['+----------+', '| COUNT(*) |', '+----------+', '|        0 |', '+----------+']);
    expect(world.mode).toBe('shell');
  });
});

describe('reading the MySQL command history on db-master', () => {
  // The client (libedit) writes its history with spaces as \\040, after a _HiStOrY_V2_ header.
  const deleteLine = "DELETE\\040FROM\\040programmes;\\040WHERE\\040code\\040=\\040'test';";

  it.each(['cat ~/.mysql_history', 'tail ~/.mysql_history', 'less ~/.mysql_history', 'more .mysql_history', 'cat /home/intern/.mysql_history'])('%s shows the whole file', (line) => {
    const { last } = play(on('db-master', line));
    expect(last.actions).toEqual(['read-mysql-history']);
    expect(last.output[0]).toBe('_HiStOrY_V2_');
    expect(last.output).toContain(deleteLine);
    expect(last.output.length).toBeGreaterThan(3);
  });

  it.each(['grep DELETE ~/.mysql_history', 'grep -i delete ~/.mysql_history', 'cat ~/.mysql_history | grep DELETE', "cat ~/.mysql_history | grep -iF 'delete\\040from'"])(
    '%s shows only the matching line',
    (line) => {
      const { last } = play(on('db-master', line));
      expect(last.actions).toEqual(['read-mysql-history']);
      expect(last.output).toEqual([deleteLine]);
    },
  );

  it('a search with a space finds nothing: the file has \\040 where the space was typed', () => {
    const { last } = play(on('db-master', 'cat ~/.mysql_history | grep -i "delete from"'));
    expect(last.actions).toEqual(['read-mysql-history']);
    expect(last.output).toEqual([]);
  });

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
    expect(last.output).toEqual(['cat: /home/intern/.mysql_history: No such file or directory']);
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
    expect(grep.output).toEqual(["DELETE\\040FROM\\040programmes;\\040WHERE\\040code\\040=\\040'test';"]);
  });

  it('ssh’s own options may come before or just after the host', () => {
    expect(play(['ssh -p 22 db-master hostname']).last.output).toEqual(['db-master']);
    expect(play(['ssh db-master -p 22 hostname']).last.output).toEqual(['db-master']);
    expect(play(['ssh -l intern db -p 22 hostname']).last.output).toEqual(['db-master']);
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
    expect(play(['ssh nowhere.example']).last.output).toEqual(['ssh: Could not resolve hostname nowhere.example: Name or service not known']);
  });

  it('exit on the laptop closes nothing: the drill says so in its own voice', () => {
    const { last, world } = play(['exit']);
    expect(last.output).toEqual([]);
    expect((last.notes ?? []).join(' ')).toMatch(/your own laptop/);
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
    expect(last.output).toEqual(["tail: cannot open '/var/log/tunistocks/app.log' for reading: No such file or directory"]);
  });

  it('the browser is on the laptop only', () => {
    expect(actionsOf(['browser clear-cache'])).toEqual(['clear-cache']);
    expect(play(on('web-01', 'browser clear-cache')).last.output[0]).toBe('browser: command not found');
  });

  it('help is bash’s builtin, the same on every host, with no drill text in its output', () => {
    const laptop = play(['help']).last;
    expect(laptop.output[0]).toBe('GNU bash, version 4.4.20(1)-release (x86_64-pc-linux-gnu)');
    expect(laptop.output[1]).toBe("These shell commands are defined internally.  Type `help' to see this list.");
    expect(laptop.output.join('\n')).not.toMatch(/drill|Actions menu/);
    expect(play(on('web-01', 'help')).last.output).toEqual(laptop.output);
  });

  it('SQL: the replica’s COUNT(*) of users is the rows a SELECT returns there; the master’s is 0', () => {
    const count = (step: { output: string[] }) => Number(/^\|\s+(\d+) \|$/.exec(step.output.find((l) => /^\|\s+\d+ \|$/.test(l)) ?? '')?.[1]);
    const replica = count(play(atMysqlPrompt('db-replica', 'SELECT COUNT(*) FROM users;')).last);
    const listed = play(atMysqlPrompt('db-replica', 'SELECT id FROM users;')).last.output.find((l) => / rows? in set /.test(l));
    expect(replica).toBeGreaterThan(1000);
    expect(listed).toMatch(new RegExp(`^${replica} rows in set \\(\\d+\\.\\d\\d sec\\)$`));
    expect(count(play(atMysqlPrompt('db-master', 'SELECT COUNT(*) FROM users;')).last)).toBe(0);
    expect(play(atMysqlPrompt('db-master', 'SELECT id FROM users;')).last.output).toContain('Empty set (0.00 sec)');
  });
});

describe('every action in the menu', () => {
  /** Where to type an action's canonical command: the first host it runs on (MySQL hosts for SQL). */
  const linesFor = (action: (typeof mysqlWipe.actions)[number]): string[] => {
    if (action.channel === 'chat') return [`chat: ${action.command}`];
    if (action.channel === 'sql') return atMysqlPrompt((action.hosts?.[0] as 'db-master' | 'db-replica' | undefined) ?? 'db-master', action.command);
    return on(action.hosts?.[0] ?? mysqlWipe.startHost, action.command);
  };

  const check = (action: (typeof mysqlWipe.actions)[number]) => {
    const { last } = play(linesFor(action));
    // Some commands are shared by two actions (the verifying one needs the data back first).
    const sameCommand = mysqlWipe.actions.filter((a) => a.command === action.command && a.channel === action.channel).map((a) => a.id);
    expect(last.actions.some((id) => sameCommand.includes(id)), `${action.command} → ${last.output[0] ?? ''}`).toBe(true);
  };
  it.each(mysqlWipe.actions.map((a) => [a.id, a] as const))('%s: its command is recognised where it runs', (_id, action) => check(action));
});
