// A secret shown once (a set-password link or an API token), with a copy button.

import { t } from './i18n.js';
import { el, copyText, uniqueId } from './dom.js';

export function oneTimeSecret({ heading, explanation, value, id }) {
  const inputId = id ?? uniqueId('secret');
  const output = el('input', { type: 'text', id: inputId, value, readOnly: true, className: 'secret', spellcheck: false });
  const copied = el('span', { className: 'copy-status', attrs: { role: 'status' } });
  const button = el('button', {
    type: 'button',
    className: 'button',
    text: t('secret.copy'),
    on: {
      async click() {
        const ok = await copyText(value, output);
        copied.textContent = ok ? t('secret.copied') : t('secret.copyManually');
      }
    }
  });
  const box = el('div', { className: 'notice notice--success secret-box', attrs: { tabindex: '-1' } },
    el('h3', { text: heading }),
    el('p', { text: explanation }),
    el('label', { htmlFor: inputId, text: heading }),
    el('div', { className: 'row row--tight' }, output, button),
    copied);
  return box;
}
