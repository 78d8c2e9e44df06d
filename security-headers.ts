/**
 * The app's security policy, in one place. `vite.config.ts` puts the Content-Security-Policy in
 * the build's <meta> tag and sends every header from `vite preview`; `public/_headers` (the
 * Netlify and Cloudflare Pages format, copied beside the build) must read exactly as
 * `headersFile()` writes it: the build fails otherwise, so a static host gets the same policy.
 */

/** The directives a <meta> tag can carry. `'wasm-unsafe-eval'`: the SQL engine (sql.js) is WebAssembly. */
const directives = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** The policy of the build's <meta> tag. It cannot say who may frame the app: browsers ignore `frame-ancestors` there. */
export const metaContentSecurityPolicy = directives.join('; ');

/** The headers a server sends with every response: the policy with `frame-ancestors 'none'`, and no framing, no referrer, no sniffing. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': [...directives, "frame-ancestors 'none'"].join('; '),
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

/** The text of `public/_headers`: every path gets every header; the service worker is always checked for a new version. */
export function headersFile(): string {
  const lines = Object.entries(securityHeaders).map(([name, value]) => `  ${name}: ${value}`);
  return ['# Security headers for static hosts (Netlify, Cloudflare Pages). Written from security-headers.ts:', '# the build fails if this file differs from it.', '/*', ...lines, '/sw.js', '  Cache-Control: no-cache', ''].join('\n');
}
