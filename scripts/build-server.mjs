// Bundles the production entry (scripts/serve.ts and the server code it imports) into one ES
// module beside the SvelteKit build, so `npm start` runs plain Node without a TypeScript loader.
import { build } from 'esbuild';

await build({
  entryPoints: ['scripts/serve.ts'],
  outfile: 'build/otklik-server.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
