/** An origin an admin allows to embed a form: scheme, host and optional port, nothing else. */
export function parseOrigin(value: string): string | null {
  const v = value.trim();
  if (!/^https?:\/\/[^/\s]+\/?$/i.test(v)) return null;
  try {
    const u = new URL(v);
    return u.origin === 'null' ? null : u.origin;
  } catch {
    return null;
  }
}

export function parseOrigins(text: string): { origins: string[]; invalid: string[] } {
  const origins: string[] = [];
  const invalid: string[] = [];
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const o = parseOrigin(part);
    if (o) {
      if (!origins.includes(o)) origins.push(o);
    } else invalid.push(part);
  }
  return { origins, invalid };
}

/** The CSP header that lets only these pages frame the form (the issue: embed via iframe). */
export function frameAncestors(origins: readonly string[]): string {
  return `frame-ancestors 'self'${origins.map((o) => ` ${o}`).join('')}`;
}
