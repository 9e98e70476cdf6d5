// The club form's field problems (a 400's `errors`, or the form's own checks): each message
// under its control, which gets aria-invalid and aria-describedby, and a summary at the top of
// the form that links to each control and takes the focus. Keys without a control are listed
// in the summary only.

import { t } from './i18n.js';
import { el, uniqueId, addDescribedBy, removeDescribedBy } from './dom.js';
import { labelFor } from './clubFields.js';

// controlFor(key) -> the control an error key names, or null.
export function createFieldErrors({ controlFor }) {
  const summary = el('div', { id: 'error-summary', className: 'notice notice--error', hidden: true, attrs: { tabindex: '-1' } });
  let shown = [];

  function clear() {
    for (const { control, message } of shown) {
      control.removeAttribute('aria-invalid');
      removeDescribedBy(control, message.id);
      message.remove();
    }
    shown = [];
    summary.hidden = true;
    summary.replaceChildren();
  }

  // errors: { key: [message, ...] }
  function show(errors) {
    clear();
    const items = Object.entries(errors).map(([key, messages]) => {
      const text = [].concat(messages).join(' ');
      const line = `${labelFor(key)}: ${text}`;
      const control = controlFor(key);
      if (!control) {
        return el('li', { text: line });
      }
      const message = el('p', { id: uniqueId('error'), className: 'field-error', dataset: { errorFor: key }, text });
      const anchor = control.closest('.field, td, .combobox') ?? control;
      // Under the street box, not inside it (its list of suggestions opens below the input).
      if (anchor.classList.contains('combobox')) {
        anchor.after(message);
      } else {
        anchor.append(message);
      }
      control.setAttribute('aria-invalid', 'true');
      addDescribedBy(control, message.id);
      shown.push({ control, message });
      const link = el('a', { href: `#${control.id}`, text: line });
      link.addEventListener('click', (event) => {
        event.preventDefault();
        control.focus();
      });
      return el('li', {}, link);
    });
    summary.append(el('h2', { text: t('editor.errorsHeading', { count: items.length }) }), el('ul', {}, items));
    summary.hidden = false;
    summary.focus();
  }

  return { summary, show, clear };
}
