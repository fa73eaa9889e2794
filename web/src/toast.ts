import { h } from './dom.js';

/**
 * Shows a message in the page's live region (#toasts, aria-live="polite"): screen readers read it,
 * it stays 10 s (or until dismissed) and never takes the focus away.
 */
export function toast(message: string, kind: 'success' | 'error' | 'info' = 'info'): void {
  const region = document.getElementById('toasts');
  if (!region) {
    return;
  }
  const close = h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss' }, '×');
  const item = h(
    'div',
    { class: `toast toast-${kind}`, 'data-testid': 'toast' },
    h('p', {}, message),
    close,
  );
  const remove = (): void => item.remove();
  close.addEventListener('click', remove);
  region.append(item);
  setTimeout(remove, 10_000);
}
