/**
 * What each kind of daemon is on Ubuntu 18.04 when the scenario says no more: the unit file its
 * package ships (nginx 1.14.0-0ubuntu1, haproxy 1.8.8-1ubuntu0, mysql-community-server 8.0.19),
 * its processes as ps shows them, their memory, and where it listens.
 */
import type { UnitKind } from '../../scenario/world';

export interface KindDefaults {
  description: string;
  documentation: readonly string[];
  type: 'simple' | 'forking' | 'notify' | 'oneshot';
  execStartPre: readonly string[];
  execStart: string;
  execReload: readonly string[];
  execStop: string | null;
  restart: 'no' | 'always' | 'on-failure';
  user: string;
  /** `comm` of the main process (15 characters at most, as the kernel keeps it). */
  mainName: string | null;
  mainCommand: string | null;
  workers: { count: number; command: string; user: string; rssKiB: number; vszKiB: number } | null;
  rssKiB: number;
  vszKiB: number;
  cpu: number;
  threads: number;
  /** Packaged daemons live in /lib/systemd/system, the admin's own units in /etc/systemd/system. */
  packaged: boolean;
  /** The package also ships an /etc/init.d script (systemctl enable/disable then says it synchronizes it). */
  sysv: boolean;
  listen: readonly { address: string; proto: 'tcp' | 'udp'; backlog: number }[];
  status: string | null;
  identifier: string | null;
}

/** Unit kind guessed from a unit's name when the scenario does not say. */
export function kindOfName(name: string): UnitKind {
  const base = name.replace(/\.service$/, '');
  if (base === 'nginx') return 'nginx';
  if (base === 'mysql' || base === 'mysqld') return 'mysql';
  if (base === 'haproxy') return 'haproxy';
  return 'generic';
}

const NGINX_FLAGS = "-g 'daemon on; master_process on;'";

/** The defaults of a kind on a host with `cpus` CPUs (nginx starts one worker per CPU). */
export function kindDefaults(kind: UnitKind, cpus: number): KindDefaults {
  switch (kind) {
    case 'nginx':
      return {
        description: 'A high performance web server and a reverse proxy server',
        documentation: ['man:nginx(8)'],
        type: 'forking',
        execStartPre: [`/usr/sbin/nginx -t -q ${NGINX_FLAGS}`],
        execStart: `/usr/sbin/nginx ${NGINX_FLAGS}`,
        execReload: [`/usr/sbin/nginx ${NGINX_FLAGS} -s reload`],
        execStop: '-/sbin/start-stop-daemon --quiet --stop --retry QUIT/5 --pidfile /run/nginx.pid',
        restart: 'no',
        user: 'root',
        mainName: 'nginx',
        mainCommand: 'nginx: master process /usr/sbin/nginx -g daemon on; master_process on;',
        workers: { count: Math.min(cpus, 64), command: 'nginx: worker process', user: 'www-data', rssKiB: 6_460, vszKiB: 143_932 },
        rssKiB: 1_580,
        vszKiB: 141_112,
        cpu: 0,
        threads: 1,
        packaged: true,
        sysv: true,
        listen: [
          { address: '0.0.0.0:80', proto: 'tcp', backlog: 511 },
          { address: ':::80', proto: 'tcp', backlog: 511 },
        ],
        status: null,
        identifier: 'nginx',
      };
    case 'mysql':
      return {
        description: 'MySQL Community Server',
        documentation: [],
        type: 'notify',
        execStartPre: ['/usr/share/mysql-8.0/mysql-systemd-start pre'],
        execStart: '/usr/sbin/mysqld',
        execReload: [],
        execStop: null,
        restart: 'on-failure',
        user: 'mysql',
        mainName: 'mysqld',
        mainCommand: '/usr/sbin/mysqld',
        workers: null,
        rssKiB: 389_412,
        vszKiB: 1_843_232,
        cpu: 0.4,
        threads: 38,
        packaged: true,
        sysv: true,
        listen: [
          { address: ':::3306', proto: 'tcp', backlog: 151 },
          { address: ':::33060', proto: 'tcp', backlog: 70 },
        ],
        status: 'Server is operational',
        identifier: 'mysqld',
      };
    case 'haproxy':
      return {
        description: 'HAProxy Load Balancer',
        documentation: ['man:haproxy(1)', 'file:/usr/share/doc/haproxy/configuration.txt.gz'],
        type: 'notify',
        execStartPre: ['/usr/sbin/haproxy -f $CONFIG -c -q $EXTRAOPTS'],
        execStart: '/usr/sbin/haproxy -Ws -f $CONFIG -p $PIDFILE $EXTRAOPTS',
        execReload: ['/usr/sbin/haproxy -f $CONFIG -c -q $EXTRAOPTS', '/bin/kill -USR2 $MAINPID'],
        execStop: null,
        restart: 'always',
        user: 'root',
        mainName: 'haproxy',
        mainCommand: '/usr/sbin/haproxy -Ws -f /etc/haproxy/haproxy.cfg -p /run/haproxy.pid',
        workers: { count: 1, command: '/usr/sbin/haproxy -Ws -f /etc/haproxy/haproxy.cfg -p /run/haproxy.pid', user: 'haproxy', rssKiB: 10_236, vszKiB: 61_688 },
        rssKiB: 8_120,
        vszKiB: 53_264,
        cpu: 0.1,
        threads: 1,
        packaged: true,
        sysv: true,
        listen: [],
        status: null,
        identifier: 'haproxy',
      };
    case 'app':
      return {
        description: '',
        documentation: [],
        type: 'simple',
        execStartPre: [],
        execStart: '/usr/bin/node /srv/app/server.js',
        execReload: [],
        execStop: null,
        restart: 'always',
        user: 'root',
        mainName: null,
        mainCommand: null,
        workers: null,
        rssKiB: 118_544,
        vszKiB: 1_024_788,
        cpu: 0.8,
        threads: 11,
        packaged: false,
        sysv: false,
        listen: [],
        status: null,
        identifier: null,
      };
    case 'generic':
      return {
        description: '',
        documentation: [],
        type: 'simple',
        execStartPre: [],
        execStart: '',
        execReload: [],
        execStop: null,
        restart: 'no',
        user: 'root',
        mainName: null,
        mainCommand: null,
        workers: null,
        rssKiB: 12_288,
        vszKiB: 98_304,
        cpu: 0,
        threads: 1,
        packaged: false,
        sysv: false,
        listen: [],
        status: null,
        identifier: null,
      };
  }
}
