// The weekly timetable: one row per session (weekday, start, end, title, audience), add and
// remove, and "copy day" to repeat one weekday's sessions on another. Rows keep the document's
// order, so the server's "sessions[2].endsAt" names the third row.

import { t, weekdayName } from './i18n.js';
import { el } from './dom.js';

export const DEFAULTS = {
  sessions: [],
  announce() {},
  onChange() {}
};

const FIELDS = ['weekday', 'startsAt', 'endsAt', 'title', 'audience'];

export function createScheduleEditor(container, options) {
  const settings = { ...DEFAULTS, ...options };
  let rows = [];
  const body = el('tbody', { id: 'sessions-body' });
  const empty = el('p', { className: 'muted', id: 'sessions-empty', text: t('sessions.empty') });
  const addButton = el('button', { type: 'button', className: 'button', id: 'add-session', text: t('sessions.add'), on: { click: onAdd } });
  const copyFrom = weekdaySelect('copy-from');
  const copyTo = weekdaySelect('copy-to');
  copyTo.value = '2';
  const copyButton = el('button', { type: 'button', className: 'button', id: 'copy-day', text: t('sessions.copy'), on: { click: onCopy } });

  container.append(
    el('div', { className: 'table-wrap' },
      el('table', { className: 'table table--edit sessions', id: 'sessions-table' },
        el('caption', { className: 'visually-hidden', text: t('sessions.heading') }),
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col', text: t('sessions.weekday') }),
          el('th', { scope: 'col', text: t('sessions.startsAt') }),
          el('th', { scope: 'col', text: t('sessions.endsAt') }),
          el('th', { scope: 'col', text: t('sessions.title') }),
          el('th', { scope: 'col', text: t('sessions.audience') }),
          el('th', { scope: 'col' }, el('span', { className: 'visually-hidden', text: t('actions') })))),
        body)),
    empty,
    el('div', { className: 'actions' }, addButton),
    el('fieldset', { className: 'copy-day' },
      el('legend', { text: t('sessions.copyLegend') }),
      el('div', { className: 'row' },
        el('div', { className: 'field' }, el('label', { htmlFor: copyFrom.id, text: t('sessions.copyFrom') }), copyFrom),
        el('div', { className: 'field' }, el('label', { htmlFor: copyTo.id, text: t('sessions.copyTo') }), copyTo),
        copyButton)));

  setSessions(settings.sessions);

  function weekdaySelect(id) {
    const select = el('select', { id });
    for (let day = 1; day <= 7; day += 1) {
      select.append(el('option', { value: String(day), text: weekdayName(day) }));
    }
    return select;
  }

  function setSessions(sessions) {
    rows = (sessions ?? []).map((session) => ({ ...session }));
    render();
  }

  function render() {
    body.replaceChildren(...rows.map(renderRow));
    empty.hidden = rows.length > 0;
  }

  function renderRow(session, index) {
    const number = index + 1;
    const id = (field) => `session-${index}-${field}`;
    const label = (field, text) => el('label', { htmlFor: id(field), className: 'cell-label', text: `${text} (${t('sessions.rowLabel', { number })})` });
    const weekday = weekdaySelect(id('weekday'));
    weekday.value = String(session.weekday ?? 1);
    const startsAt = el('input', { type: 'time', id: id('startsAt'), value: session.startsAt ?? '', required: true });
    const endsAt = el('input', { type: 'time', id: id('endsAt'), value: session.endsAt ?? '' });
    const title = el('input', { type: 'text', id: id('title'), value: session.title ?? '', maxLength: 200 });
    const audience = el('input', { type: 'text', id: id('audience'), value: session.audience ?? '', maxLength: 200 });
    const controls = { weekday, startsAt, endsAt, title, audience };
    for (const field of FIELDS) {
      controls[field].dataset.sessionField = field;
      controls[field].addEventListener('change', function onFieldChange() {
        const value = controls[field].value;
        rows[index][field] = field === 'weekday' ? Number(value) : value === '' && field !== 'title' && field !== 'audience' ? null : value;
        settings.onChange();
      });
    }
    const remove = el('button', {
      type: 'button',
      className: 'button button--danger button--small',
      text: t('sessions.remove'),
      attrs: { 'aria-label': t('sessions.removeLabel', { number, day: weekdayName(session.weekday ?? 1), time: session.startsAt ?? '' }) },
      on: { click: () => onRemove(index) }
    });
    return el('tr', { dataset: { index: String(index) } },
      el('td', { dataset: { label: t('sessions.weekday') } }, label('weekday', t('sessions.weekday')), weekday),
      el('td', {}, label('startsAt', t('sessions.startsAt')), startsAt),
      el('td', {}, label('endsAt', t('sessions.endsAt')), endsAt),
      el('td', {}, label('title', t('sessions.title')), title),
      el('td', {}, label('audience', t('sessions.audience')), audience),
      el('td', { className: 'cell-actions' }, remove));
  }

  function onAdd() {
    const last = rows[rows.length - 1];
    rows.push({ weekday: last?.weekday ?? 1, startsAt: '10:00', endsAt: '12:00', title: '', audience: '' });
    render();
    settings.onChange();
    document.getElementById(`session-${rows.length - 1}-weekday`).focus();
    settings.announce(t('sessions.added', { number: rows.length }));
  }

  function onRemove(index) {
    rows.splice(index, 1);
    render();
    settings.onChange();
    const next = document.getElementById(`session-${Math.min(index, rows.length - 1)}-weekday`) ?? addButton;
    next.focus();
    settings.announce(t('sessions.removed'));
  }

  function onCopy() {
    const from = Number(copyFrom.value);
    const to = Number(copyTo.value);
    const source = rows.filter((row) => row.weekday === from);
    if (from === to || source.length === 0) {
      settings.announce(from === to ? t('sessions.copySameDay') : t('sessions.copyNothing', { day: weekdayName(from) }));
      return;
    }
    rows.push(...source.map((row) => ({ ...row, weekday: to })));
    render();
    settings.onChange();
    settings.announce(t('sessions.copied', { count: source.length, from: weekdayName(from), to: weekdayName(to) }));
  }

  return {
    setSessions,
    getSessions: () => rows.map((row) => ({
      weekday: Number(row.weekday),
      startsAt: row.startsAt || '',
      endsAt: row.endsAt || null,
      title: row.title || null,
      audience: row.audience || null,
      registrationRequired: row.registrationRequired ?? null,
      validFrom: row.validFrom || null,
      validTo: row.validTo || null
    })),
    controlFor: (index, field) => document.getElementById(`session-${index}-${field}`)
  };
}
