// `npm start`: builds the console when no build exists, then runs the bundled server.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const entry = path.join(root, 'build', 'otklik-server.mjs');
const handler = path.join(root, 'build', 'handler.js');

if (!fs.existsSync(entry) || !fs.existsSync(handler)) {
  console.log('No build found: building the console (about a minute the first time)…');
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('Build failed; see the messages above.');
    process.exit(1);
  }
}
await import(pathToFileURL(entry).href);
