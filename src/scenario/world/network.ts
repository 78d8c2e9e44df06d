/**
 * How a host is reached and what it answers: interfaces and addresses, routes, the resolver,
 * /etc/hosts, which networks it reaches, its firewall, round-trip times, and the HTTP servers it
 * runs (Nginx, HAProxy, apps whose routes are data). The world-wide part (DNS zones, hosts on the
 * internet) is `NetworkWorldSpecSchema`. (Owned by the network programs: ping, dig, curl, ss, nc…)
 */
import * as v from 'valibot';
import { Text } from './common';

const Ipv4 = v.pipe(v.string(), v.regex(/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/, 'must be an IPv4 address like "10.0.1.21"'));
const Cidr = v.pipe(v.string(), v.regex(/^(\d{1,3}\.){3}\d{1,3}\/([0-9]|[12]\d|3[0-2])$/, 'must be an IPv4 network like "10.0.1.0/24"'));
const Port = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535));
const Millis = v.pipe(v.number(), v.minValue(0), v.maxValue(10_000));
const Mac = v.pipe(v.string(), v.regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/, 'must be a lower-case MAC address like "52:54:00:8a:11:21"'));
/** `address:port`, `*:port` or `0.0.0.0:port`, as a listening socket is written. */
const Bind = v.pipe(v.string(), v.regex(/^(\*|\[::\]|(\d{1,3}\.){3}\d{1,3}):\d{1,5}$/, 'must be "ADDRESS:PORT", "*:PORT" or "[::]:PORT"'));
const Path = v.pipe(v.string(), v.startsWith('/', 'must start with "/"'));

export const InterfaceSpecSchema = v.strictObject({
  /** `ens3`, `eth0`, `wlp2s0`, `tun0`. */
  name: v.string(),
  /** `ether` (default) or `tun` (a VPN's point-to-point link: no MAC). */
  kind: v.optional(v.picklist(['ether', 'tun'])),
  mac: v.optional(Mac),
  /** Address and prefix, `10.0.1.21/24`. */
  ipv4: Cidr,
  /** Link-local IPv6 with prefix; derived from the MAC (EUI-64) when absent on an ether link. */
  ipv6LinkLocal: v.optional(v.string()),
  /** Given by DHCP (`ip a` says `dynamic` and counts its lifetime down). */
  dhcp: v.optional(v.boolean()),
  mtu: v.optional(v.pipe(v.number(), v.integer(), v.minValue(68), v.maxValue(65535))),
  /** Round trip from this interface to the company's core network (or the internet, for a home link), in ms. */
  rttMs: v.optional(Millis),
  /** Routers between this link and the core (a VPN adds some): lowers the TTL of replies. */
  hops: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(30))),
  /** The router at the far end of this link (`ip route` and tracepath show it); default: the network's first address. */
  gateway: v.optional(Ipv4),
});

export const RouteSpecSchema = v.strictObject({
  /** `default` or a network, `10.0.0.0/16`. */
  to: v.union([v.literal('default'), Cidr]),
  via: v.optional(Ipv4),
  dev: v.string(),
  metric: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

/** A rule of the host's firewall: a port listed here is open only from these sources. */
export const FirewallRuleSchema = v.strictObject({
  port: Port,
  proto: v.optional(v.picklist(['tcp', 'udp'])),
  /** Source networks (`10.0.1.0/24`) or addresses allowed; `any` for everyone. */
  from: v.array(v.union([v.literal('any'), Cidr, Ipv4])),
});

export const FirewallSpecSchema = v.strictObject({
  /** What happens to a connection no rule allows: `drop` (it times out) or `allow` (default: no firewall). */
  policy: v.optional(v.picklist(['allow', 'drop'])),
  allow: v.optional(v.array(FirewallRuleSchema)),
  /** Whether the host answers ping from outside its own network (default true). */
  icmp: v.optional(v.boolean()),
});

// ---------------------------------------------------------------------------------------------
// HTTP: Nginx, HAProxy and apps.

/** A TLS certificate: the names it is valid for (curl checks them), and who signed it. */
export const CertificateSpecSchema = v.strictObject({
  names: v.array(v.string()),
  issuer: v.optional(v.string()),
  /** `YYYY-MM-DD`: validity as curl -v prints it. */
  notBefore: v.optional(v.string()),
  notAfter: v.optional(v.string()),
});

export const NginxLocationSchema = v.strictObject({
  /** The location's URI: a prefix (`/`, `/api/`) or, with `exact`, one URI (`= /login`). */
  path: Path,
  exact: v.optional(v.boolean()),
  /** `try_files`: `$uri`, `$uri.html`, `$uri/`, and a last resort `=404` or a URI. */
  tryFiles: v.optional(v.array(v.string())),
  /** `proxy_pass http://127.0.0.1:3000`: the app that answers. */
  proxyPass: v.optional(v.pipe(v.string(), v.regex(/^http:\/\/(\d{1,3}\.){3}\d{1,3}:\d{1,5}\/?$/, 'must be "http://ADDRESS:PORT"'))),
  /** `return 200 "ok"` or `return 301 https://…`. */
  return: v.optional(v.strictObject({ status: v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(599)), body: v.optional(v.string()), location: v.optional(v.string()) })),
  /** `access_log off` (health checks). */
  accessLog: v.optional(v.boolean()),
});

export const NginxServerSchema = v.strictObject({
  /** `80`, `443 ssl http2`, `127.0.0.1:8080`, `80 default_server`. */
  listen: v.array(v.string()),
  serverNames: v.optional(v.array(v.string())),
  certificate: v.optional(CertificateSpecSchema),
  /** Where static files are read from on the host (`root`). */
  root: v.optional(Path),
  index: v.optional(v.array(v.string())),
  locations: v.array(NginxLocationSchema),
  /** `add_header NAME VALUE` (`$request_id` is filled in): on success and redirect answers only, unless the value ends with ` always`. */
  addHeaders: v.optional(v.record(v.string(), v.string())),
  /** `proxy_set_header NAME VALUE` to the app. */
  proxyHeaders: v.optional(v.record(v.string(), v.string())),
  /** `absolute_redirect` (nginx's default on: a relative Location becomes `http://host/…`). */
  absoluteRedirect: v.optional(v.boolean()),
});

export const NginxSpecSchema = v.strictObject({
  /** `1.14.0`: the Server header says `nginx/1.14.0 (Ubuntu)`. */
  version: v.optional(v.string()),
  unit: v.optional(v.string()),
  accessLog: v.optional(Path),
  errorLog: v.optional(Path),
  /** A `log_format` with nginx variables; default `combined`. */
  logFormat: v.optional(v.string()),
  /** `set_real_ip_from`: proxies whose `real_ip_header` is trusted for `$remote_addr`. */
  realIpFrom: v.optional(v.array(v.union([Cidr, Ipv4]))),
  realIpHeader: v.optional(v.string()),
  servers: v.array(NginxServerSchema),
});

export const HaproxyServerSchema = v.strictObject({
  name: v.string(),
  /** `10.0.1.21:80` */
  address: v.pipe(v.string(), v.regex(/^(\d{1,3}\.){3}\d{1,3}:\d{1,5}$/, 'must be "ADDRESS:PORT"')),
});

export const HaproxyBackendSchema = v.strictObject({
  name: v.string(),
  /** Only round robin is modelled: requests go to each server in turn. */
  balance: v.optional(v.literal('roundrobin')),
  servers: v.array(HaproxyServerSchema),
  /** `option httpchk GET PATH` with `inter`, `fall`, `rise`: when a server is marked down or up again. */
  check: v.optional(v.strictObject({ path: v.optional(Path), interMs: v.optional(v.pipe(v.number(), v.minValue(100))), fall: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))), rise: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))) })),
  /** `option forwardfor`: the client's address in X-Forwarded-For. */
  forwardFor: v.optional(v.boolean()),
});

export const HaproxyFrontendSchema = v.strictObject({
  name: v.string(),
  /** `*:80`, `*:443` */
  bind: Bind,
  /** `bind … ssl crt …`: TLS ends here. */
  certificate: v.optional(CertificateSpecSchema),
  /** `redirect scheme https code 301 if !{ ssl_fc }` */
  redirectHttps: v.optional(v.boolean()),
  backend: v.string(),
});

export const HaproxySpecSchema = v.strictObject({
  /** `1.8.8` */
  version: v.optional(v.string()),
  unit: v.optional(v.string()),
  /** Where rsyslog writes HAProxy's log (`/var/log/haproxy.log`). */
  log: v.optional(Path),
  frontends: v.array(HaproxyFrontendSchema),
  backends: v.array(HaproxyBackendSchema),
});

/** A query an app runs, and what the app does when it fails or finds nothing. */
export const AppQuerySchema = v.strictObject({
  sql: v.string(),
  /** The request fails when the query returns no row (the app reads a field of the first row). */
  required: v.optional(v.boolean()),
  /** Log lines when a required query found nothing (before the error line): `{{sql}}` is filled in. */
  emptyLog: v.optional(v.array(v.string())),
  /** The error the app raises then, as its log prints it (`TypeError: Cannot read properties…`). */
  emptyError: v.optional(v.string()),
  /** Stack lines printed after the error line. */
  emptyStack: v.optional(v.array(v.string())),
  /** What the app answers when the query finds nothing and that is an expected outcome (a wrong password): no error is logged. */
  onEmpty: v.optional(v.strictObject({ status: v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(599)), contentType: v.optional(v.string()), body: v.optional(Text) })),
  /**
   * A login check: the first row counts only when its `hashColumn` (a bcrypt hash) matches
   * `password` (a template, e.g. `{{form.password}}`); otherwise the query is taken as empty.
   */
  verifyPassword: v.optional(v.strictObject({ hashColumn: v.string(), password: v.string() })),
});

export const AppRouteSchema = v.strictObject({
  method: v.optional(v.picklist(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])),
  path: Path,
  /** `page`: a logged-out visit is sent to the login page (302); `api`: it gets 401 JSON; `none` (default): public. */
  auth: v.optional(v.picklist(['none', 'page', 'api'])),
  /** Queries (names from the app's `queries`) this route runs, in order, after the app's `middleware`. */
  queries: v.optional(v.array(v.string())),
  status: v.optional(v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(599))),
  contentType: v.optional(v.string()),
  headers: v.optional(v.record(v.string(), v.string())),
  /** The body, a template: `{{name}}`, `{{query.column}}` (first row), `{{#each query}}…{{/each}}`, `{{count query}}`, `{{requestId}}`. */
  body: v.optional(Text),
  /** A successful login: the answer sets the session cookie (its value is `{{token}}`, which the route's queries can store). */
  login: v.optional(v.boolean()),
  /** Whether the app's `middleware` queries run first (default true; a health check usually skips them). */
  middleware: v.optional(v.boolean()),
});

export const AppSpecSchema = v.strictObject({
  name: v.string(),
  unit: v.string(),
  /** `127.0.0.1:3000` */
  listen: v.pipe(v.string(), v.regex(/^(\d{1,3}\.){3}\d{1,3}:\d{1,5}$/, 'must be "ADDRESS:PORT"')),
  /** `express` (the default): the headers and redirect bodies an Express app sends. */
  framework: v.optional(v.literal('express')),
  /** Where the app logs and the shape of its lines: `{{time}}`, `{{method}}`, `{{path}}`, `{{status}}`, `{{ms}}`, `{{error}}`, `{{message}}`, `{{requestId}}`. */
  log: v.optional(v.strictObject({
    /** The log file; without one the app writes to stdout, that is its unit's journal. */
    path: v.optional(Path),
    access: v.optional(v.string()),
    error: v.optional(v.string()),
    warn: v.optional(v.string()),
  })),
  /** The database it reads, through the MySQL server's own accounts. */
  database: v.optional(v.strictObject({
    host: v.string(),
    user: v.string(),
    database: v.string(),
    /** Connections its pool keeps open to the server (SHOW PROCESSLIST shows them sleeping); default 10, the driver's connectionLimit. */
    pool: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100))),
  })),
  /** The error the app logs when the database does not answer: `{{message}}`, `{{code}}`, `{{address}}` filled in. */
  databaseError: v.optional(v.string()),
  /** The session cookie's name; a request carrying it is logged in (when `sessionQuery` finds it). */
  sessionCookie: v.optional(v.string()),
  /** The query (a name from `queries`) that finds the session of the cookie's value `{{session}}`; a row means logged in, its columns are `{{user.column}}`. */
  sessionQuery: v.optional(v.string()),
  loginPath: v.optional(Path),
  queries: v.optional(v.record(v.string(), AppQuerySchema)),
  /** Queries run on every request before the route's own (the app loads its settings). */
  middleware: v.optional(v.array(v.string())),
  /** What a failing request answers: a page route gets `page`, an API route `api`. */
  errorPage: v.optional(v.strictObject({ contentType: v.optional(v.string()), body: Text })),
  errorApi: v.optional(v.strictObject({ contentType: v.optional(v.string()), body: Text })),
  routes: v.array(AppRouteSchema),
});

export const HttpSpecSchema = v.strictObject({
  nginx: v.optional(NginxSpecSchema),
  haproxy: v.optional(HaproxySpecSchema),
  apps: v.optional(v.array(AppSpecSchema)),
});

export const BrowserSpecSchema = v.strictObject({
  /** The site's login page (`https://example.com/login`): `browser login` opens it and signs in there. */
  loginUrl: v.optional(v.string()),
  /** Where the login form posts (`https://example.com/api/v1/login`); default: the login page's form action. */
  loginPost: v.optional(v.string()),
  /** The page to open after signing in. */
  landingUrl: v.optional(v.string()),
  /** The test account. The drill types its password for the trainee. */
  account: v.optional(v.strictObject({ email: v.string(), password: v.string() })),
  /** Cookies the browser holds at the start (a session from earlier). */
  cookies: v.optional(v.array(v.strictObject({ domain: v.string(), name: v.string(), value: v.string(), path: v.optional(v.string()), secure: v.optional(v.boolean()) }))),
});

export const NetworkSpecSchema = v.strictObject({
  /** A short form for a server with one link: its addresses (`10.0.1.21` or `10.0.1.21/24`), on `ens3`. */
  addresses: v.optional(v.array(v.string())),
  interfaces: v.optional(v.array(InterfaceSpecSchema)),
  routes: v.optional(v.array(RouteSpecSchema)),
  /** The resolver: the upstream servers systemd-resolved asks, and the search domains (written to /etc/resolv.conf). */
  dns: v.optional(v.strictObject({ servers: v.optional(v.array(Ipv4)), search: v.optional(v.array(v.string())) })),
  /** Extra /etc/hosts lines. */
  hosts: v.optional(v.array(v.strictObject({ address: Ipv4, names: v.array(v.string()) }))),
  /** What this host reaches: the company's internal network, the internet (both by default). */
  reach: v.optional(v.strictObject({ internal: v.optional(v.boolean()), internet: v.optional(v.boolean()) })),
  /** The address the internet sees this host's connections come from (NAT). */
  publicAddress: v.optional(Ipv4),
  firewall: v.optional(FirewallSpecSchema),
  http: v.optional(HttpSpecSchema),
  /** The trainee's web browser on this host (the drill's `browser`): the test account it signs in with, and cookies it already holds. */
  browser: v.optional(BrowserSpecSchema),
});

// ---------------------------------------------------------------------------------------------
// World-wide: DNS and the internet.

export const DnsRecordSchema = v.strictObject({
  /** Relative to the zone (`www`, `@` for the zone itself) or absolute with a final dot. */
  name: v.string(),
  type: v.picklist(['A', 'AAAA', 'CNAME', 'PTR', 'MX', 'NS', 'TXT']),
  /** The address, target name, or text; MX as `10 mail.example.com.`. */
  value: v.string(),
  ttl: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

export const DnsZoneSchema = v.strictObject({
  /** `tunistocks.tn`, `tunistocks.internal`, `1.0.10.in-addr.arpa`. */
  name: v.string(),
  /** `public`: everyone's resolvers see it; `internal`: only hosts that reach the internal network. */
  scope: v.picklist(['public', 'internal']),
  ttl: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  /** Serve PTR records for every A record of the zone. */
  reverse: v.optional(v.boolean()),
  /** The zone's SOA (mname rname serial refresh retry expire minimum), for NXDOMAIN answers. */
  soa: v.optional(v.string()),
  records: v.array(DnsRecordSchema),
});

/** What a site on the internet answers to any HTTP request (the drill does not model its pages). */
export const ExternalHttpSchema = v.strictObject({
  status: v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(599)),
  /** Headers as the site sends them, in order (`Location`, `Server`, `Content-Type`…). */
  headers: v.optional(v.array(v.tuple([v.string(), v.string()]))),
  body: v.optional(Text),
});

/** A host on the internet: its addresses, how far it is, what answers. */
export const ExternalHostSpecSchema = v.strictObject({
  addresses: v.optional(v.array(Ipv4)),
  rttMs: v.optional(Millis),
  /** The TTL its echo replies arrive with at the company's edge (`117` for Google). */
  ttl: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(255))),
  /** Open TCP ports (others are filtered). */
  ports: v.optional(v.array(Port)),
  /** It answers DNS queries (`dig @8.8.8.8`). */
  dns: v.optional(v.boolean()),
  /** What its web server answers on port 80 (and 443, where `https` is given). */
  http: v.optional(ExternalHttpSchema),
  https: v.optional(v.strictObject({ certificate: CertificateSpecSchema, answer: ExternalHttpSchema })),
});

export const NetworkWorldSpecSchema = v.strictObject({
  /** The company's internal networks (`10.0.0.0/16`): reached from inside and over the VPN only. */
  internal: v.optional(v.array(Cidr)),
  zones: v.optional(v.array(DnsZoneSchema)),
  /** Host id (as in the scenario's `hosts`) → its facts on the internet. */
  external: v.optional(v.record(v.string(), ExternalHostSpecSchema)),
});

export type NetworkSpec = v.InferOutput<typeof NetworkSpecSchema>;
export type NetworkWorldSpec = v.InferOutput<typeof NetworkWorldSpecSchema>;
export type InterfaceSpec = v.InferOutput<typeof InterfaceSpecSchema>;
export type RouteSpec = v.InferOutput<typeof RouteSpecSchema>;
export type FirewallSpec = v.InferOutput<typeof FirewallSpecSchema>;
export type NginxSpec = v.InferOutput<typeof NginxSpecSchema>;
export type NginxServerSpec = v.InferOutput<typeof NginxServerSchema>;
export type NginxLocationSpec = v.InferOutput<typeof NginxLocationSchema>;
export type HaproxySpec = v.InferOutput<typeof HaproxySpecSchema>;
export type HaproxyBackendSpec = v.InferOutput<typeof HaproxyBackendSchema>;
export type HaproxyFrontendSpec = v.InferOutput<typeof HaproxyFrontendSchema>;
export type AppSpec = v.InferOutput<typeof AppSpecSchema>;
export type AppRouteSpec = v.InferOutput<typeof AppRouteSchema>;
export type AppQuerySpec = v.InferOutput<typeof AppQuerySchema>;
export type CertificateSpec = v.InferOutput<typeof CertificateSpecSchema>;
export type ExternalHttpSpec = v.InferOutput<typeof ExternalHttpSchema>;
export type BrowserSpec = v.InferOutput<typeof BrowserSpecSchema>;
export type DnsZoneSpec = v.InferOutput<typeof DnsZoneSchema>;
export type DnsRecordSpec = v.InferOutput<typeof DnsRecordSchema>;
export type ExternalHostSpec = v.InferOutput<typeof ExternalHostSpecSchema>;
