/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The production Content-Security-Policy. frame-ancestors is left out: browsers ignore it in a <meta> tag.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const cspPlaceholder = /<!--\s*content-security-policy\b[\s\S]*?-->/;

/**
 * Puts the CSP <meta> tag in place of the placeholder comment in index.html, for builds only:
 * the dev server needs an inline script (the React Refresh preamble) and injects <style> tags,
 * both of which this policy forbids. The build fails if the placeholder is missing, so the
 * policy cannot be dropped silently.
 */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'outage-drill:csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!cspPlaceholder.test(html)) {
          throw new Error('index.html lacks the <!-- content-security-policy --> placeholder');
        }
        return html.replace(
          cspPlaceholder,
          `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}" />`,
        );
      },
    },
  };
}

/**
 * Scenario files are fetched by the app once its JavaScript runs; a preload link lets the browser
 * fetch them beside the JavaScript instead of after it (the briefing needs them for its first paint).
 */
function preloadScenarios(): Plugin {
  return {
    name: 'outage-drill:preload-scenarios',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const files = Object.values(ctx.bundle ?? {}).filter((f) => f.type === 'asset' && f.fileName.endsWith('.json'));
        return files.map((f) => ({ tag: 'link', attrs: { rel: 'preload', href: `/${f.fileName}`, as: 'fetch', crossorigin: 'anonymous' }, injectTo: 'head' as const }));
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicyMeta(), preloadScenarios()],
  // Scenario files are fetched as data: never inline them as data: URLs (the CSP allows only 'self').
  build: { target: 'es2022', sourcemap: false, assetsInlineLimit: (file) => (file.endsWith('.json') ? false : undefined) },
  test: {
    environment: 'jsdom',
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['tests/unit/setup.ts'],
    restoreMocks: true,
  },
});
