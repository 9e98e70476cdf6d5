// Field-level messages for the small forms: each message sits under its input, which gets
// aria-invalid and aria-describedby; messages for unknown fields go to the page alert.

import { t } from './i18n.js';
import { el, addDescribedBy, removeDescribedBy } from './dom.js';

export function formErrors(inputs) {
  let shown = [];
  return {
    clear() {
      for (const { input, message } of shown) {
        input.removeAttribute('aria-invalid');
        removeDescribedBy(input, message.id);
        message.remove();
      }
      shown = [];
    },
    show(problem, context) {
      if (!problem.errors) {
        context.alert(problem.status ? (problem.detail || problem.title) : t('error.network'));
        return;
      }
      const other = [];
      let first = null;
      for (const [key, messages] of Object.entries(problem.errors)) {
        const input = inputs[key];
        const text = [].concat(messages).join(' ');
        if (!input) {
          other.push(text);
          continue;
        }
        const message = el('p', { id: `${input.id}-error`, className: 'field-error', text });
        (input.closest('.field') ?? input.parentElement).append(message);
        input.setAttribute('aria-invalid', 'true');
        addDescribedBy(input, message.id);
        shown.push({ input, message });
        first ??= input;
      }
      context.alert(other.join(' '));
      first?.focus();
      context.status(t('form.fix'));
    }
  };
}
