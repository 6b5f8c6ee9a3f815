/** True when a key press belongs to a text field and must not trigger a shortcut. */
export function typing(event: KeyboardEvent): boolean {
  const t = event.target as HTMLElement | null;
  if (event.ctrlKey || event.metaKey || event.altKey) return true;
  return !!t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
}
