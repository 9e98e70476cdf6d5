// The suggestions queue: corrections and missing-club reports from the public form. The city
// office sees all, an operator those about its own clubs (the API decides). Everything the
// sender typed is shown as text. Accept opens the club editor with the suggestion beside it;
// dismiss asks for a reason.

import { t, formatDate } from './i18n.js';
import { el, field } from './dom.js';
import { renderClubEditor } from './clubEditor.js';

const STATUSES = ['open', 'closed', 'all'];

export async function renderSuggestionQueue(container, context, params = new URLSearchParams()) {
  const status = STATUSES.includes(params.get('status')) ? params.get('status') : 'open';
  const club = params.get('club');
  const statusSelect = el('select', { id: 'suggestion-status' },
    STATUSES.map((value) => el('option', { value, text: t(`suggestions.filter.${value}`), selected: value === status })));
  const list = el('ul', { id: 'suggestion-list', className: 'suggestion-list' });
  const count = el('p', { id: 'suggestion-count', className: 'muted', attrs: { 'aria-live': 'polite' } });
  container.append(
    el('h1', { text: t('suggestions.heading') }),
    el('p', { className: 'muted', text: t('suggestions.intro') }),
    el('div', { className: 'toolbar' }, field(t('suggestions.filter.label'), statusSelect)),
    club ? el('p', {}, t('suggestions.forClub', { club }), ' ', el('a', { href: `#suggestions?status=${status}`, text: t('suggestions.allClubs') })) : null,
    count,
    list);

  statusSelect.addEventListener('change', function onStatusChange() {
    const query = new URLSearchParams({ status: statusSelect.value });
    if (club) {
      query.set('club', club);
    }
    context.navigate(`#suggestions?${query}`);
  });

  let items;
  try {
    items = await context.api.suggestions({ status, club });
  } catch (problem) {
    context.alert(problem.detail || t('error.network'));
    return undefined;
  }
  count.textContent = t('suggestions.count', { count: items.length });
  list.replaceChildren(...items.map((item) => renderItem(item, context)));
  return undefined;
}

function renderItem(item, context) {
  const headingId = `suggestion-${item.id}-heading`;
  const title = item.kind === 'missing-club'
    ? t('suggestions.missingTitle', { name: item.name ?? '' })
    : t('suggestions.correctionTitle', { club: item.club?.name ?? '' });
  const facts = el('dl', { className: 'facts' });
  const add = (label, value) => {
    if (value) {
      facts.append(el('dt', { text: label }), el('dd', { text: value }));
    }
  };
  add(t('suggestions.topic'), item.topic ? t(`suggestions.topics.${item.topic}`) : null);
  add(t('suggestions.place'), item.place);
  add(t('suggestions.operator'), item.operator);
  add(t('suggestions.link'), item.link);
  add(t('suggestions.text'), item.text);
  add(t('suggestions.email'), item.email);
  add(t('suggestions.received'), formatDate(item.createdAt.slice(0, 10), { dateStyle: 'medium' }));
  if (item.status !== 'open') {
    add(t('suggestions.closed'), `${t(`suggestions.status.${item.status}`)} · ${item.closedBy ?? ''} · ${formatDate((item.closedAt ?? '').slice(0, 10), { dateStyle: 'medium' })}`);
    add(t('suggestions.reason'), item.closeReason);
  }
  const article = el('li', { className: 'card suggestion', dataset: { id: String(item.id), kind: item.kind, status: item.status }, attrs: { 'aria-labelledby': headingId } },
    el('h2', { id: headingId, text: title }),
    facts);
  if (item.status === 'open') {
    article.append(renderActions(item, context));
  }
  return article;
}

function renderActions(item, context) {
  const reason = el('textarea', { id: `dismiss-reason-${item.id}`, rows: 2, maxLength: 500 });
  const reasonError = el('p', { id: `${reason.id}-error`, className: 'error-text', hidden: true });
  const dismissForm = el('form', { className: 'dismiss-form', hidden: true, noValidate: true },
    field(t('suggestions.reasonLabel'), reason), reasonError,
    el('button', { type: 'submit', className: 'button', text: t('suggestions.confirmDismiss') }));
  const dismissButton = el('button', {
    type: 'button', className: 'button', text: t('suggestions.dismiss'), attrs: { 'aria-expanded': 'false', 'aria-controls': `dismiss-${item.id}` }
  });
  dismissForm.id = `dismiss-${item.id}`;
  dismissButton.addEventListener('click', function onDismissToggle() {
    dismissForm.hidden = !dismissForm.hidden;
    dismissButton.setAttribute('aria-expanded', String(!dismissForm.hidden));
    if (!dismissForm.hidden) {
      reason.focus();
    }
  });
  dismissForm.addEventListener('submit', async function onDismiss(event) {
    event.preventDefault();
    if (!reason.value.trim()) {
      showReasonError(reason, reasonError, t('suggestions.reasonRequired'));
      return;
    }
    try {
      await context.api.dismissSuggestion(item.id, reason.value.trim());
      context.status(t('suggestions.dismissed'));
      context.navigate(window.location.hash.startsWith('#suggestions') ? window.location.hash : '#suggestions');
    } catch (problem) {
      showReasonError(reason, reasonError, problem.errors?.reason?.[0] ?? problem.detail ?? t('error.network'));
    }
  });
  return el('div', { className: 'suggestion__actions' },
    el('a', { href: `#suggestions/${item.id}/accept`, className: 'button button--primary', text: t('suggestions.accept') }),
    ' ', dismissButton, dismissForm);
}

function showReasonError(input, error, text) {
  error.textContent = text;
  error.hidden = false;
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', error.id);
  input.focus();
}

// Accept: the club editor (a correction's club, or a new club prefilled from a missing-club
// report) with the suggestion shown beside it; saving closes the suggestion.
export async function renderAcceptSuggestion(container, context, id) {
  let suggestion;
  try {
    suggestion = await context.api.suggestion(id);
  } catch (problem) {
    container.append(el('h1', { text: t('suggestions.heading') }), el('p', { className: 'notice notice--error', text: problem.detail || t('error.network') }));
    return undefined;
  }
  return renderClubEditor(container, context, { slug: suggestion.club?.slug ?? null, suggestion });
}
