// A club's history: who changed what and when, newest first, with the values before and after.

import { t } from './i18n.js';
import { el } from './dom.js';
import { describeValue, normalizeDoc, FIELDS } from './clubDocument.js';

export async function renderHistory(container, context, slug) {
  const heading = el('h1', { text: t('history.heading') });
  container.append(heading, el('p', {}, el('a', { href: `#clubs/${encodeURIComponent(slug)}`, text: t('history.back') })));
  let entries;
  try {
    entries = await context.api.history(slug);
  } catch (problem) {
    heading.textContent = problem.status === 403 ? t('editor.notYoursHeading') : t('history.heading');
    container.append(el('p', { className: 'notice notice--error', text: problem.status === 403 ? t('editor.notYours') : (problem.detail || t('error.network')) }));
    return undefined;
  }
  const name = entries.find((e) => e.after?.name)?.after.name;
  if (name) {
    heading.textContent = t('history.headingFor', { name });
  }
  if (entries.length === 0) {
    container.append(el('p', { text: t('history.empty') }));
    return undefined;
  }
  const formatter = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'medium', timeStyle: 'short' });
  container.append(el('ol', { className: 'history', id: 'history-list' }, entries.map((entry) => {
    const before = entry.before ? normalizeDoc(entry.before) : null;
    const after = entry.after ? normalizeDoc(entry.after) : null;
    const fields = entry.changes?.length ? entry.changes : (before ? [] : FIELDS.filter((f) => after && after[f] !== null));
    const item = el('li', { className: 'card history__entry' },
      el('p', { className: 'history__meta' },
        el('time', { dateTime: entry.at, text: formatter.format(new Date(entry.at)) }), ' · ',
        el('span', { className: 'history__actor', text: entry.actor }), ' · ',
        el('span', { text: actionLabel(entry.action) })),
      el('p', { className: 'history__fields', text: fields.length ? fields.map((f) => t(`field.${f}`)).join(', ') : t('history.noFields') }));
    if (before && after && entry.changes?.length) {
      item.append(el('details', {},
        el('summary', { text: t('history.showValues') }),
        el('dl', { className: 'history__values' }, entry.changes.flatMap((f) => [
          el('dt', { text: t(`field.${f}`) }),
          el('dd', {}, el('span', { className: 'value-old', text: describeValue(f, before[f]) }), ' → ',
            el('span', { className: 'value-new', text: describeValue(f, after[f]) }))]))));
    }
    return item;
  })));
  return undefined;
}

function actionLabel(action) {
  if (action.startsWith('status:')) {
    return t('history.action.status', { status: t(`status.${action.slice(7)}`) });
  }
  const label = t(`history.action.${action}`);
  return label.startsWith('history.') ? action : label;
}
