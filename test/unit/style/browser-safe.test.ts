import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The engine runs in a browser worker too: no Node APIs and no $lib alias under domain/style. */
const ROOT = path.resolve(import.meta.dirname, '../../../src/lib/domain/style');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('src/lib/domain/style', () => {
  it('imports no Node module and uses relative imports only', () => {
    for (const file of sources(ROOT)) {
      const text = fs.readFileSync(file, 'utf8');
      const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
      for (const spec of imports) {
        expect(spec, file).toMatch(/^(\.\.?\/|az$|zod$)/);
      }
      expect(text, file).not.toMatch(/\bprocess\.|\brequire\(|__dirname/);
    }
  });
});
