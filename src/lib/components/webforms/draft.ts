/** The browser keeps what was typed, so a reload or a lost connection loses nothing (seed 000 §3.4). */
const key = (slug: string) => `otklik.webform.${slug}`;

export function loadDraft(slug: string): Record<string, string> | null {
  try {
    const raw = localStorage.getItem(key(slug));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (!parsed || typeof parsed !== 'object') return null;
    return Object.fromEntries(
      Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return null;
  }
}

export function saveDraft(slug: string, values: Record<string, string>): void {
  try {
    localStorage.setItem(key(slug), JSON.stringify(values));
  } catch {
    // private mode or full storage: the form still works without a draft
  }
}

export function clearDraft(slug: string): void {
  try {
    localStorage.removeItem(key(slug));
  } catch {
    // nothing kept
  }
}
