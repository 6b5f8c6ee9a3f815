import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    // SvelteKit refuses form posts from another origin (CSRF); nothing is trusted besides our own.
    csrf: { trustedOrigins: [] },
    // Scripts only from our origin or with this response's nonce: no inline or injected scripts.
    // frame-ancestors is added per response in hooks.server.ts ('none', or a web form's embedders).
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'worker-src': ['self'],
        // blob: — the letter preview opens the PDF it fetched (LetterPreview.svelte).
        'frame-src': ['self', 'blob:'],
        'object-src': ['self', 'blob:'],
        'base-uri': ['self'],
        'form-action': ['self'],
      },
    },
  },
};

export default config;
