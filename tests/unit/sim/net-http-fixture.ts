/**
 * The fixture's shop site over HTTP: HAProxy on proxy-1 (TLS for crumb.example, plain HTTP
 * redirected), Nginx on shop-1 and shop-2 (static home page, everything else proxied to the shop's
 * app), the app's routes as data reading the `crumb` database on store-db, and the desk's browser
 * with a test account. Made up for the tests; nothing here is from any incident.
 */
import type { WorldSpec, HostSpec } from '../../../src/scenario/world';
import type { MysqlServerSpec } from '../../../src/scenario/world/mysql';
import type { NetworkSpec } from '../../../src/scenario/world/network';

type Http = NonNullable<NetworkSpec['http']>;

const certificate = { names: ['crumb.example', 'www.crumb.example'], notBefore: '2021-01-10', notAfter: '2021-04-10' };

export const proxyHttp: Http = {
  haproxy: {
    log: '/var/log/haproxy.log',
    frontends: [
      { name: 'http-in', bind: '*:80', redirectHttps: true, backend: 'shop' },
      { name: 'https-in', bind: '*:443', certificate, backend: 'shop' },
    ],
    backends: [{ name: 'shop', servers: [{ name: 'shop-1', address: '10.20.0.11:80' }, { name: 'shop-2', address: '10.20.0.12:80' }], check: { path: '/health' }, forwardFor: true }],
  },
};

export const shopApp: NonNullable<Http['apps']>[number] = {
  name: 'crumb-shop',
  unit: 'crumb-shop.service',
  listen: '127.0.0.1:3000',
  log: {
    path: '/var/log/crumb/app.log',
    access: '{{time}} INFO  {{method}} {{path}} {{status}} {{ms}}ms id={{requestId}}',
    error: '{{time}} ERROR {{method}} {{path}} {{status}} {{ms}}ms id={{requestId}} - {{error}}',
    warn: '{{time}} WARN  {{message}}',
  },
  database: { host: 'store', user: 'crumbapp', database: 'crumb' },
  databaseError: 'Error: {{message}}',
  sessionCookie: 'crumb.sid',
  sessionQuery: 'session',
  loginPath: '/login',
  middleware: ['settings'],
  queries: {
    settings: {
      sql: "SELECT name, value FROM settings WHERE name = 'shop_open'",
      required: true,
      emptyLog: ['no rows: {{sql}}'],
      emptyError: "TypeError: Cannot read properties of undefined (reading 'value')",
      emptyStack: ['    at loadSettings (/srv/crumb/settings.js:4:22)'],
    },
    session: { sql: 'SELECT c.id, c.email FROM sessions s JOIN customers c ON c.id = s.customer_id WHERE s.token = {{session}}' },
    findCustomer: { sql: 'SELECT id, email FROM customers WHERE email = {{form.email}}', required: true, onEmpty: { status: 401, contentType: 'application/json; charset=utf-8', body: '{"error":"Wrong email or password"}' } },
    createSession: { sql: 'INSERT INTO sessions (customer_id, token) VALUES ({{findCustomer.id}}, {{token}})' },
    orders: { sql: 'SELECT id, total FROM orders WHERE customer_id = {{user.id}} ORDER BY id' },
  },
  errorPage: { body: '<!doctype html><html><head><title>Error · Crumb</title></head><body><h1>Sorry</h1><p>Something went wrong.</p></body></html>' },
  errorApi: { body: '{"error":"Something went wrong"}' },
  routes: [
    { path: '/health', middleware: false, contentType: 'text/plain; charset=utf-8', body: 'ok' },
    { method: 'POST', path: '/api/login', login: true, queries: ['findCustomer', 'createSession'], contentType: 'application/json; charset=utf-8', body: '{"ok":true,"redirect":"/account"}' },
    {
      path: '/account',
      auth: 'page',
      queries: ['orders'],
      body: ['<!doctype html><html><head><title>Your account · Crumb</title></head><body>', '<h1>Hello {{user.email}}</h1>', '<p>{{count orders}} orders</p>', '<ul>{{#each orders}}<li>Order {{id}}: {{total}} EUR</li>{{/each}}</ul>', '</body></html>'],
    },
    { path: '/api/orders', auth: 'api', queries: ['orders'], contentType: 'application/json; charset=utf-8', body: '[{{#each orders}}{"id":{{id}}},{{/each}}{}]' },
  ],
};

export const shopHttp: Http = {
  nginx: {
    realIpFrom: ['10.20.0.5'],
    realIpHeader: 'X-Forwarded-For',
    servers: [
      {
        listen: ['80 default_server'],
        serverNames: ['crumb.example', 'www.crumb.example'],
        root: '/var/www/crumb',
        addHeaders: { 'X-Request-Id': '$request_id always' },
        proxyHeaders: { Host: '$host', 'X-Request-Id': '$request_id', 'X-Forwarded-For': '$proxy_add_x_forwarded_for' },
        locations: [
          { path: '/', exact: true, tryFiles: ['/index.html', '=404'] },
          { path: '/login', exact: true, tryFiles: ['/login.html', '=404'] },
          { path: '/static/' },
          { path: '/health', exact: true, proxyPass: 'http://127.0.0.1:3000', accessLog: false },
          { path: '/', proxyPass: 'http://127.0.0.1:3000' },
        ],
      },
    ],
  },
  apps: [shopApp],
};

const INDEX = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Crumb · bread and cakes</title></head><body><h1>Crumb</h1><p>Fresh bread every morning.</p><a href="/login">Log in</a></body></html>\n';
const LOGIN = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Log in · Crumb</title></head><body><form method="post" action="/api/login"><label>Email <input name="email"></label><label>Password <input name="password" type="password"></label><button>Log in</button></form></body></html>\n';

export function shopFiles(): NonNullable<HostSpec['files']> {
  return [
    { path: '/var/www/crumb/index.html', owner: 'www-data', group: 'www-data', mtime: '2021-02-20T10:00:00', content: INDEX },
    { path: '/var/www/crumb/login.html', owner: 'www-data', group: 'www-data', mtime: '2021-02-20T10:00:00', content: LOGIN },
    { path: '/var/log/crumb', kind: 'dir', owner: 'crumb', group: 'adm', mode: '750', mtime: '2021-03-02T06:00:00' },
    { path: '/var/log/nginx', kind: 'dir', owner: 'root', group: 'adm', mode: '755', mtime: '2021-03-02T06:00:00' },
    { path: '/var/log/nginx/access.log', owner: 'www-data', group: 'adm', mode: '640', mtime: '2021-03-02T06:00:00', content: '' },
  ];
}

export const storeMysql: MysqlServerSpec = {
  serverId: 1,
  accounts: [
    { user: 'root', host: 'localhost', plugin: 'auth_socket', grants: ['GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION'] },
    { user: 'crumbapp', host: '10.20.0.%', password: 'crumb-pw', grants: ['GRANT SELECT, INSERT, UPDATE, DELETE ON `crumb`.* TO `crumbapp`@`10.20.0.%`'] },
  ],
  databases: [
    {
      name: 'crumb',
      tables: [
        { name: 'settings', columns: [{ name: 'name', type: 'varchar(40)' }, { name: 'value', type: 'varchar(200)' }], primaryKey: ['name'], rows: [['shop_open', 'yes']] },
        { name: 'customers', columns: [{ name: 'id', type: 'int unsigned', autoIncrement: true }, { name: 'email', type: 'varchar(200)', nullable: false }], rows: [[1, 'ada@example.com'], [2, 'bruno@example.com']] },
        { name: 'sessions', columns: [{ name: 'id', type: 'int unsigned', autoIncrement: true }, { name: 'customer_id', type: 'int unsigned' }, { name: 'token', type: 'char(64)' }], rows: [[1, 2, 'b'.repeat(64)]] },
        { name: 'orders', columns: [{ name: 'id', type: 'int unsigned', autoIncrement: true }, { name: 'customer_id', type: 'int unsigned' }, { name: 'total', type: 'decimal(8,2)' }], rows: [[1, 1, 12.5], [2, 1, 30], [3, 2, 4.2]] },
      ],
    },
  ],
};

/** The fixture's world with the shop served over HTTP. */
export function withHttp(world: WorldSpec): WorldSpec {
  const hosts = { ...world.hosts };
  const net = (id: string, extra: Partial<NetworkSpec>) => ({ ...hosts[id]!, network: { ...hosts[id]!.network, ...extra } });
  hosts.proxy = { ...net('proxy', { http: proxyHttp }), programs: ['haproxy'] };
  for (const id of ['shop1', 'shop2']) hosts[id] = { ...net(id, { http: shopHttp }), files: shopFiles() };
  hosts.store = { ...hosts.store!, mysql: storeMysql, programs: [...(hosts.store!.programs ?? []), 'mysql'] };
  hosts.desk = net('desk', { browser: { loginUrl: 'https://crumb.example/login', landingUrl: 'https://crumb.example/account', account: { email: 'ada@example.com', password: 'ada-secret' } } });
  hosts.desk = { ...hosts.desk, programs: [...(hosts.desk.programs ?? []), 'browser'] };
  return { ...world, hosts };
}
