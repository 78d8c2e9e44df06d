/**
 * A made-up shop for the logs that record what just happened: a laptop with an ed25519 key, a
 * web server (nginx whose main error_log is at notice, and a Type=simple app), a second web
 * server at nginx's default level, and a load balancer (HAProxy 1.8 in master-worker mode), on
 * Tuesday 2 March 2021 at 10:40. Nothing here is from the drill's incidents.
 */
import type { SimConfig, SimWorld } from '../../../src/sim/world';
import type { WorldSpec } from '../../../src/scenario/world';
import { createWorld } from '../../../src/sim/init';
import { typist } from './logs-gaps-fixture';

const NGINX_BODY = ['pid /run/nginx.pid;', '', 'events {', '\tworker_connections 768;', '}', '', 'http {', '\terror_log /var/log/nginx/error.log;', '\tinclude /etc/nginx/sites-enabled/*;', '}'];
const SITE = ['server {', '\tlisten 80 default_server;', '\tlocation / {', '\t\tproxy_pass http://127.0.0.1:8000;', '\t}', '}'];

export const moreWorld: WorldSpec = {
  hosts: {
    laptop: {
      hostname: 'pie-laptop',
      login: 'lee',
      users: [{ name: 'lee', uid: 1000, groups: ['sudo'] }],
      network: { addresses: ['10.6.0.9'] },
      files: [
        { path: '/home/lee/.ssh', kind: 'dir', owner: 'lee', group: 'lee', mode: '700' },
        { path: '/home/lee/.ssh/id_ed25519', owner: 'lee', group: 'lee', mode: '600', content: '-----BEGIN OPENSSH PRIVATE KEY-----\n-----END OPENSSH PRIVATE KEY-----' },
        { path: '/home/lee/.ssh/id_ed25519.pub', owner: 'lee', group: 'lee', mode: '644', content: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHbq lee@pie-laptop' },
      ],
    },
    web: {
      hostname: 'pie-web',
      login: 'lee',
      users: [{ name: 'lee', uid: 1000, groups: ['adm', 'sudo'] }],
      programs: ['nginx'],
      network: { addresses: ['10.6.0.5'] },
      files: [
        { path: '/etc/nginx/nginx.conf', content: ['user www-data;', 'worker_processes 2;', 'error_log /var/log/nginx/error.log notice;', ...NGINX_BODY] },
        { path: '/etc/nginx/sites-enabled/pie', content: SITE },
        { path: '/var/log/nginx/error.log', owner: 'www-data', group: 'adm', mode: '640', content: '' },
        { path: '/home/lee/.ssh', kind: 'dir', owner: 'lee', group: 'lee', mode: '700' },
        { path: '/home/lee/.ssh/authorized_keys', owner: 'lee', group: 'lee', mode: '600', content: 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 lee@old\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHbq lee@pie-laptop' },
      ],
      system: {
        cpus: 2,
        nextPid: 9000,
        units: [
          { name: 'nginx.service', pid: 700, workerPids: [701, 702], listen: ['0.0.0.0:80'] },
          { name: 'pie-app.service', kind: 'app', description: 'Pie storefront', execStart: '/usr/bin/node /srv/pie/server.js', pid: 720, identifier: 'pie-app', startLog: ['loading /srv/pie/config.json', 'listening on 127.0.0.1:8000'] },
        ],
      },
    },
    web2: {
      hostname: 'pie-web2',
      login: 'lee',
      users: [{ name: 'lee', uid: 1000, groups: ['adm', 'sudo'] }],
      programs: ['nginx'],
      network: { addresses: ['10.6.0.6'] },
      files: [
        { path: '/etc/nginx/nginx.conf', content: ['user www-data;', 'worker_processes 1;', ...NGINX_BODY] },
        { path: '/etc/nginx/sites-enabled/pie', content: SITE },
        { path: '/var/log/nginx/error.log', owner: 'www-data', group: 'adm', mode: '640', content: '' },
        { path: '/home/lee/.ssh', kind: 'dir', owner: 'lee', group: 'lee', mode: '700' },
        { path: '/home/lee/.ssh/authorized_keys', owner: 'lee', group: 'lee', mode: '600', content: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHbq lee@pie-laptop' },
      ],
      logins: [{ user: 'lee', from: '10.6.0.9', at: '09:12:00' }],
      system: { cpus: 1, nextPid: 5000, units: [{ name: 'nginx.service', pid: 800, workerPids: [801], listen: ['0.0.0.0:80'] }] },
    },
    lb: {
      hostname: 'pie-lb',
      login: 'lee',
      users: [{ name: 'lee', uid: 1000, groups: ['sudo'] }],
      programs: ['haproxy'],
      network: { addresses: ['10.6.0.2'] },
      files: [
        { path: '/etc/haproxy/haproxy.cfg', content: ['global', '\tdaemon', '', 'defaults', '\tmode http', '\ttimeout connect 5s', '\ttimeout client 30s', '\ttimeout server 30s', '', 'frontend www', '\tbind *:80', '\tdefault_backend pies', '', 'backend pies', '\tserver web1 10.6.0.5:80 check', '', 'listen stats', '\tbind 127.0.0.1:8404', '\tstats enable'] },
        { path: '/home/lee/.ssh', kind: 'dir', owner: 'lee', group: 'lee', mode: '700' },
        { path: '/home/lee/.ssh/authorized_keys', owner: 'lee', group: 'lee', mode: '600', content: 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 lee@old' },
      ],
      logins: [{ user: 'lee', from: '10.6.0.9', at: '09:12:00' }],
      system: { nextPid: 3000, units: [{ name: 'haproxy.service', pid: 731, workerPids: [733], listen: ['0.0.0.0:80'] }] },
    },
  },
};

export const moreConfig: SimConfig = {
  date: '2021-03-02',
  timezone: 'UTC',
  hosts: [
    { id: 'laptop', name: 'pie-laptop', names: ['laptop', '10.6.0.9'] },
    { id: 'web', name: 'pie-web', names: ['web', '10.6.0.5'] },
    { id: 'web2', name: 'pie-web2', names: ['web2', '10.6.0.6'] },
    { id: 'lb', name: 'pie-lb', names: ['lb', '10.6.0.2'] },
  ],
  world: moreWorld,
};

/** 10:40 on the fixture's day (a Tuesday, day 060 of the year counted from 0). */
export const MORE_START = 10 * 3600 + 40 * 60;

export function moreStart(host = 'laptop'): SimWorld {
  return createWorld(moreConfig, host, MORE_START);
}

export const { run, out } = typist(moreConfig, () => moreStart());
