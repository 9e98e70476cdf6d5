// The clubs you may edit (Admin: all), with search and the two flags that tell operators and
// the city office what needs attention: awaiting a location, not verified for 180 days.

import { t, formatDate } from './i18n.js';
import { el } from './dom.js';
import { renderTodo } from './completeness.js';

export async function renderClubList(container, context) {
  const heading = el('h1', { text: t('clubs.heading') });
  const search = el('input', { type: 'search', id: 'club-search', autocomplete: 'off', attrs: { 'aria-controls': 'club-table' } });
  const onlyFlagged = el('input', { type: 'checkbox', id: 'club-flagged' });
  const count = el('p', { id: 'club-count', className: 'muted', attrs: { 'aria-live': 'polite' } });
  const body = el('tbody');
  const table = el('table', { id: 'club-table', className: 'table' },
    el('caption', { className: 'visually-hidden', text: t('clubs.heading') }),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', text: t('clubs.name') }),
      el('th', { scope: 'col', text: t('clubs.operator') }),
      el('th', { scope: 'col', text: t('clubs.address') }),
      el('th', { scope: 'col', text: t('clubs.status') }),
      el('th', { scope: 'col', text: t('clubs.verified') }))),
    body);

  container.append(
    heading,
    el('div', { className: 'toolbar' },
      el('div', { className: 'field field--grow' }, el('label', { htmlFor: 'club-search', text: t('clubs.search') }), search),
      el('div', { className: 'field field--check' }, onlyFlagged, el('label', { htmlFor: 'club-flagged', text: t('clubs.onlyFlagged') })),
      el('a', { href: '#clubs/new', className: 'button button--primary', id: 'new-club', text: t('clubs.new') })),
    count,
    el('div', { className: 'table-wrap' }, table));

  let clubs = [];
  try {
    clubs = await context.api.listClubs();
  } catch (problem) {
    context.alert(problem.detail || t('error.network'));
    return undefined;
  }
  const flagged = clubs.filter((c) => !c.located || c.stale);
  if (flagged.length) {
    container.insertBefore(el('p', { className: 'notice notice--warning', id: 'attention', text: t('clubs.attention', { count: flagged.length }) }), count);
  }

  function normalise(text) {
    return (text || '').toLocaleLowerCase('pl').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l');
  }

  function render() {
    const words = normalise(search.value).split(/\s+/).filter(Boolean);
    const shown = clubs.filter((club) => {
      if (onlyFlagged.checked && club.located && !club.stale) {
        return false;
      }
      const haystack = normalise(`${club.name} ${club.organizationName} ${club.addressLabel} ${club.district?.name ?? ''} ${club.slug}`);
      return words.every((word) => haystack.includes(word));
    });
    body.replaceChildren(...shown.map(row));
    count.textContent = t('clubs.count', { count: shown.length, total: clubs.length });
  }

  function row(club) {
    const badges = el('span', { className: 'badges' });
    if (!club.located) {
      badges.append(el('span', { className: 'badge badge--warning', dataset: { flag: 'unlocated' }, text: t('badge.unlocated') }));
    }
    if (club.stale) {
      badges.append(el('span', { className: 'badge badge--warning', dataset: { flag: 'stale' }, text: t('badge.stale') }));
    }
    if (club.openSuggestions > 0) {
      badges.append(el('a', { className: 'badge badge--info', href: `#suggestions?club=${encodeURIComponent(club.slug)}`, dataset: { flag: 'suggestions' },
        text: t('badge.suggestions', { count: club.openSuggestions }) }));
    }
    if (club.status !== 'active') {
      badges.append(el('span', { className: 'badge', text: t(`status.${club.status}`) }));
    }
    return el('tr', { dataset: { slug: club.slug } },
      el('th', { scope: 'row' }, el('a', { href: `#clubs/${encodeURIComponent(club.slug)}`, text: club.name }), ' ', badges),
      el('td', { text: club.organizationName }),
      el('td', { text: [club.addressLabel, club.district?.name].filter(Boolean).join(' · ') }),
      el('td', { text: t(`status.${club.status}`) }),
      el('td', { text: club.lastVerifiedAt ? formatDate(club.lastVerifiedAt, { dateStyle: 'medium' }) : t('clubs.never') }));
  }

  if (!context.isAdmin()) {
    renderTodo(container, context);
  }
  search.addEventListener('input', render);
  onlyFlagged.addEventListener('change', render);
  render();
  return undefined;
}
