// Closures (holidays, renovation, ...): rows of from, to and reason, added and removed.

import { t } from './i18n.js';
import { el } from './dom.js';

export const DEFAULTS = {
  closures: [],
  announce() {},
  onChange() {}
};

export function createClosuresEditor(container, options) {
  const settings = { ...DEFAULTS, ...options };
  let rows = [];
  const list = el('ol', { className: 'closures', id: 'closures-list' });
  const empty = el('p', { className: 'muted', text: t('closures.empty') });
  const addButton = el('button', { type: 'button', className: 'button', id: 'add-closure', text: t('closures.add'), on: { click: onAdd } });
  container.append(list, empty, el('div', { className: 'actions' }, addButton));
  setClosures(settings.closures);

  function setClosures(closures) {
    rows = (closures ?? []).map((c) => ({ ...c }));
    render();
  }

  function render() {
    list.replaceChildren(...rows.map(renderRow));
    empty.hidden = rows.length > 0;
  }

  function renderRow(closure, index) {
    const number = index + 1;
    const input = (field, type) => {
      const control = el('input', { type, id: `closure-${index}-${field}`, value: closure[field] ?? '', maxLength: type === 'text' ? 200 : undefined });
      control.addEventListener('change', () => {
        rows[index][field] = control.value || null;
        settings.onChange();
      });
      return control;
    };
    const from = input('from', 'date');
    const to = input('to', 'date');
    const reason = input('reason', 'text');
    const cell = (control, key) => el('div', { className: 'field' },
      el('label', { htmlFor: control.id, text: `${t(key)} (${t('closures.rowLabel', { number })})` }), control);
    return el('li', { className: 'closure row' },
      cell(from, 'closures.from'), cell(to, 'closures.to'), cell(reason, 'closures.reason'),
      el('button', {
        type: 'button',
        className: 'button button--danger button--small',
        text: t('closures.remove'),
        attrs: { 'aria-label': t('closures.removeLabel', { number }) },
        on: {
          click() {
            rows.splice(index, 1);
            render();
            settings.onChange();
            (document.getElementById(`closure-${Math.min(index, rows.length - 1)}-from`) ?? addButton).focus();
            settings.announce(t('closures.removed'));
          }
        }
      }));
  }

  function onAdd() {
    rows.push({ from: null, to: null, reason: '' });
    render();
    settings.onChange();
    document.getElementById(`closure-${rows.length - 1}-from`).focus();
  }

  return {
    setClosures,
    getClosures: () => rows.map((row) => ({ from: row.from || null, to: row.to || null, reason: row.reason || null })),
    controlFor: (index, field) => document.getElementById(`closure-${index}-${field}`)
  };
}
