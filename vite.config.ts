/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync } from 'node:fs';
import { headersFile, metaContentSecurityPolicy, securityHeaders } from './security-headers';

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
          `<meta http-equiv="Content-Security-Policy" content="${metaContentSecurityPolicy}" />`,
        );
      },
    },
  };
}

/**
 * Static hosts read their headers from `public/_headers` (copied into dist/). It must say what
 * security-headers.ts says, or the build fails: the policy has one source.
 */
function securityHeadersFile(): Plugin {
  return {
    name: 'outage-drill:security-headers-file',
    apply: 'build',
    buildStart() {
      const file = new URL('./public/_headers', import.meta.url);
      const expected = headersFile();
      let actual = '';
      try {
        actual = readFileSync(file, 'utf8');
      } catch {
        // reported below as a difference
      }
      if (actual !== expected) {
        throw new Error(`public/_headers differs from security-headers.ts. It should read:\n${expected}`);
      }
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

/**
 * Works offline after one visit (a room with bad Wi-Fi): a service worker precaches the build,
 * the SQL engine's WebAssembly and the scenarios included, and serves index.html for the app's
 * routes. A new version waits until the trainee takes it (the app says it is ready); the
 * registration is in src/ui/pwa.ts, loaded after the first paint.
 */
const offline = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  manifest: {
    name: 'Outage Drill',
    short_name: 'Outage Drill',
    description: 'A browser game that trains new engineers to handle a production outage.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#f6f7f9',
    theme_color: '#1f2937',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icons/icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,png,json,wasm}'],
    // The replay chunk and the SQL engine are about 1 MB each.
    maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
    navigateFallback: '/index.html',
    cleanupOutdatedCaches: true,
  },
});

export default defineConfig({
  plugins: [react(), contentSecurityPolicyMeta(), securityHeadersFile(), preloadScenarios(), offline],
  // `vite preview` serves the build as a static host would, with the same headers (the dev server
  // does not: it needs inline scripts the policy forbids).
  preview: { headers: { ...securityHeaders } },
  // Scenario files are fetched as data: never inline them as data: URLs (the CSP allows only 'self').
  build: { target: 'es2022', sourcemap: false, assetsInlineLimit: (file) => (file.endsWith('.json') ? false : undefined) },
  test: {
    environment: 'jsdom',
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['tests/unit/setup.ts'],
    restoreMocks: true,
    // Component tests render and type through the whole drill: on a loaded 2-core machine one can
    // take several seconds, so the default 5 s is too tight to be reliable.
    testTimeout: 30_000,
  },
});
