// What is missing, from GET /api/admin/completeness: the totals against the city's count, a
// table of clubs with their gaps (filter by gap and operator), and per operator the printable
// request and CSV. An operator gets the same for its own clubs as a to-do list.

import { t } from './i18n.js';
import { el, field } from './dom.js';

const GAPS = ['location', 'approximateLocation', 'timetable', 'contacts', 'description', 'verification', 'suggestions'];

export async function renderCompleteness(container, context, params = new URLSearchParams()) {
  const missing = GAPS.includes(params.get('missing')) ? params.get('missing') : '';
  const operator = params.get('operator') || '';
  container.append(el('h1', { text: t('completeness.heading') }));
  let report;
  try {
    report = await context.api.completeness({ operator });
  } catch (problem) {
    context.alert(problem.detail || t('error.network'));
    return undefined;
  }
  const totals = report.totals;
  container.append(el('p', { id: 'completeness-summary', className: 'notice', text: summary(totals) }));

  const gapSelect = el('select', { id: 'completeness-gap' },
    el('option', { value: '', text: t('completeness.anyGap') }),
    GAPS.map((gap) => el('option', { value: gap, text: t(`gap.${gap}`), selected: gap === missing })));
  const operatorSelect = el('select', { id: 'completeness-operator' },
    el('option', { value: '', text: t('completeness.anyOperator') }),
    report.operators.map((o) => el('option', { value: o.slug, text: o.name, selected: o.slug === operator })));
  const filters = el('div', { className: 'toolbar' }, field(t('completeness.gapFilter'), gapSelect),
    context.isAdmin() ? field(t('completeness.operatorFilter'), operatorSelect) : null,
    el('a', { className: 'button', id: 'completeness-csv', href: `/api/admin/completeness.csv${operator ? `?operator=${encodeURIComponent(operator)}` : ''}`, text: t('completeness.csv') }));
  container.append(filters);
  const onFilter = () => {
    const query = new URLSearchParams();
    if (gapSelect.value) {
      query.set('missing', gapSelect.value);
    }
    if (operatorSelect.value) {
      query.set('operator', operatorSelect.value);
    }
    context.navigate(`#completeness${query.size ? `?${query}` : ''}`);
  };
  gapSelect.addEventListener('change', onFilter);
  operatorSelect.addEventListener('change', onFilter);

  const clubs = report.clubs.filter((club) => !missing || club.missing.includes(missing));
  container.append(clubTable(clubs));
  if (context.isAdmin()) {
    container.append(operatorTable(report.operators));
  }
  return undefined;
}

export function summary(totals) {
  return t('completeness.summary', {
    known: totals.known, reported: totals.reportedByCity, located: totals.located, building: totals.atBuilding,
    timetable: totals.withTimetable, contacts: totals.withContacts, suggestions: totals.openSuggestions
  });
}

function clubTable(clubs) {
  return el('div', { className: 'table-wrap' }, el('table', { id: 'completeness-table', className: 'table' },
    el('caption', { text: t('completeness.clubsCaption', { count: clubs.length }) }),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', text: t('clubs.name') }),
      el('th', { scope: 'col', text: t('clubs.operator') }),
      el('th', { scope: 'col', text: t('completeness.missing') }))),
    el('tbody', {}, clubs.map((club) => el('tr', { dataset: { slug: club.slug } },
      el('th', { scope: 'row' }, el('a', { href: `#clubs/${encodeURIComponent(club.slug)}`, text: club.name })),
      el('td', { text: club.organizationName }),
      el('td', {}, club.missing.length
        ? el('ul', { className: 'gap-list' }, club.missing.map((gap) => el('li', { dataset: { gap }, text: t(`gap.${gap}`) })))
        : t('completeness.nothing')))))));
}

function operatorTable(operators) {
  return el('section', { attrs: { 'aria-labelledby': 'operators-heading' } },
    el('h2', { id: 'operators-heading', text: t('completeness.operatorsHeading') }),
    el('div', { className: 'table-wrap' }, el('table', { id: 'completeness-operators', className: 'table' },
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: t('clubs.operator') }),
        el('th', { scope: 'col', text: t('completeness.clubCount') }),
        el('th', { scope: 'col', text: t('completeness.missing') }),
        el('th', { scope: 'col', text: t('actions') }))),
      el('tbody', {}, operators.map((o) => el('tr', { dataset: { operator: o.slug } },
        el('th', { scope: 'row', text: o.name }),
        el('td', { text: String(o.clubs) }),
        el('td', { text: GAPS.filter((gap) => o.missing[gap]).map((gap) => `${t(`gap.${gap}`)}: ${o.missing[gap]}`).join(' · ') || t('completeness.nothing') }),
        el('td', {},
          el('a', { href: `/api/admin/completeness/request/${encodeURIComponent(o.slug)}`, target: '_blank', rel: 'noopener', text: t('completeness.print') }), ' · ',
          el('a', { href: `/api/admin/completeness.csv?operator=${encodeURIComponent(o.slug)}`, text: t('completeness.csv') }))))))));
}

// An operator's first screen: what its clubs still lack, linking to the full list.
export async function renderTodo(container, context) {
  let report;
  try {
    report = await context.api.completeness({});
  } catch {
    return;
  }
  const todo = report.clubs.filter((club) => club.missing.length);
  if (!todo.length) {
    return;
  }
  const heading = container.querySelector('h1');
  const place = heading ? (node) => heading.after(node) : (node) => container.prepend(node);
  place(el('section', { id: 'todo', className: 'notice', attrs: { 'aria-labelledby': 'todo-heading' } },
    el('h2', { id: 'todo-heading', text: t('completeness.todoHeading') }),
    el('ul', {}, todo.map((club) => el('li', {},
      el('a', { href: `#clubs/${encodeURIComponent(club.slug)}`, text: club.name }), ': ',
      club.missing.map((gap) => t(`gap.${gap}`)).join(', ')))),
    el('p', {}, el('a', { href: '#completeness', text: t('completeness.more') }))));
}
