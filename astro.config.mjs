// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';

// Every page is static; only routes that say `export const prerender = false`
// (the probe API) run on the server. `node dist/server/entry.mjs` serves both.
export default defineConfig({
  site: 'https://certlab.example',
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  server: { host: '127.0.0.1', port: 4321 },
  // ES-module workers: the inspector's parser worker loads node-forge on demand (a dynamic
  // import), which Vite's default classic (iife) worker format cannot split.
  vite: { worker: { format: 'es' } },
  integrations: [
    starlight({
      title: 'certlab',
      description: 'Learn how TLS certificates work, and prove with evidence why a connection fails and whose fault it is.',
      customCss: ['./src/styles/certlab.css'],
      lastUpdated: false,
      // Long command lines wrap instead of scrolling: a scrolling <pre> is not keyboard-focusable (axe).
      expressiveCode: { defaultProps: { wrap: true } },
      components: {
        // Marks lessons read / self-check passed beside their sidebar entries (progress in localStorage).
        Sidebar: './src/components/overrides/Sidebar.astro',
      },
      sidebar: [
        { label: 'Lessons', items: [{ autogenerate: { directory: 'content/lessons' } }] },
        {
          label: 'Tools',
          items: [{ autogenerate: { directory: 'content/tools' } }, { label: 'Scenario sandbox', link: '/sandbox/' }],
        },
        { label: 'Reference', items: [{ label: 'OpenSSL verify codes', link: '/reference/verify/' }] },
      ],
    }),
    mdx(),
  ],
});
