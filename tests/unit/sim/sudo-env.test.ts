// @vitest-environment node
/**
 * sudo 1.8.21's environment under Ubuntu 18.04's sudoers (env_reset, secure_path): the target's
 * USER and LOGNAME, the caller's HOME (Ubuntu kept it until 19.10; `-H` sets the target's), the
 * SUDO_* variables. So `sudo mysql` keeps its history in the caller's home, as the fifth blind
 * audit expected, and MYSQL_HISTFILE is honoured.
 */
import { describe, expect, it } from 'vitest';
import { lastMysqlOutput } from './mysql-fixture';

const DB = ['ssh shopdb-1'];

describe('what a program inherits from the shell', () => {
  it('the exported variables, not the ones bash and ~/.bashrc set for themselves; `_` is the program', () => {
    const env = lastMysqlOutput([...DB, 'env']).split('\n');
    expect(env.some((l) => /^(HOSTNAME|HISTSIZE|HISTFILESIZE)=/.test(l))).toBe(false);
    expect(env.at(-1)).toBe('_=/usr/bin/env');
    expect(lastMysqlOutput([...DB, 'echo $HOSTNAME $HISTSIZE'])).toBe('shopdb-1 1000');
    expect(lastMysqlOutput([...DB, 'printenv HOSTNAME; echo $?'])).toBe('1');
    expect(lastMysqlOutput([...DB, 'export HISTSIZE', 'printenv HISTSIZE; export | grep -c HISTSIZE'])).toBe('1000\n1');
  });
});

describe('sudo’s environment', () => {
  it('is the target’s, with the caller’s HOME and the SUDO_ variables', () => {
    const env = lastMysqlOutput([...DB, 'sudo env | sort']).split('\n');
    expect(env).toContain('HOME=/home/ana');
    expect(env).toContain('USER=root');
    expect(env).toContain('LOGNAME=root');
    expect(env).toContain('MAIL=/var/mail/root');
    expect(env).toContain('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin');
    expect(env).toContain('SUDO_USER=ana');
    expect(env).toContain('SUDO_UID=1001');
    expect(env).toContain('SUDO_COMMAND=/usr/bin/env');
  });

  it('-H and -i give the target’s home', () => {
    expect(lastMysqlOutput([...DB, 'sudo -H printenv HOME'])).toBe('/root');
    expect(lastMysqlOutput([...DB, 'sudo -i', 'echo $HOME'])).toBe('/root');
  });
});

describe('the MySQL client’s history under sudo', () => {
  it('goes to the caller’s home (owned by whoever wrote it first), not /root', () => {
    const lines = [...DB, 'sudo mysql', 'SELECT 1;', 'exit'];
    expect(lastMysqlOutput([...lines, 'sudo tail -n 2 /home/ana/.mysql_history'])).toBe('SELECT\\0401;\nexit');
    expect(lastMysqlOutput([...lines, 'sudo ls -A /root | grep -c mysql_history'])).toBe('0');
  });

  it('MYSQL_HISTFILE chooses the file; /dev/null keeps none', () => {
    expect(lastMysqlOutput([...DB, 'export MYSQL_HISTFILE=/tmp/h', 'mysql -u ana -pana-secret', 'SELECT 2;', 'exit', 'cat /tmp/h'])).toBe('_HiStOrY_V2_\nSELECT\\0402;\nexit');
    expect(lastMysqlOutput([...DB, 'export MYSQL_HISTFILE=/dev/null', 'mysql -u ana -pana-secret', 'SELECT 2;', 'exit', 'ls -l /dev/null; ls -A ~ | grep -c mysql_history'])).toMatch(/^crw-rw-rw- 1 root root 1, 3 .*\n0$/);
  });
});
