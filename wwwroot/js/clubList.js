// The results list: the primary interface, complete without the map. Each club is an item
// <li data-slug> with a link to /clubs/{slug}; distance and walking time when the search has a
// point. Club text from the API goes in with textContent only.

import { t, formatDistance, formatMinutes, formatDateTime } from './i18n.js';
import { createOperatorSymbol } from './operatorSymbols.js';
import { caveat } from './clubFacts.js';

export const DEFAULTS = {
  onOpen() {},
  onHighlight() {},
  // 0 lists every club; otherwise the first few and a "show all" button (the compact embed).
  limit: 0,
  onExpand() {},
  // Asked for the next page when the API has more clubs than were loaded (render's `remaining`).
  onLoadMore() {}
};

export function createClubList(element, options) {
  const settings = { ...DEFAULTS, ...options };
  const list = element.querySelector('#results');
  const heading = element.querySelector('#results-heading');
  const originNote = element.querySelector('#results-origin');
  const empty = element.querySelector('#results-empty');
  // Every empty state links to "What is a Klub Rodziców?" (who may come, what it costs).
  const about = document.createElement('p');
  about.className = 'results__about';
  about.hidden = true;
  empty.after(about);
  const more = document.createElement('button');
  more.type = 'button';
  more.className = 'button results__more';
  more.hidden = true;
  more.addEventListener('click', onShowAll);
  list.after(more);
  let items = [];
  let remaining = 0;
  let expanded = false;
  let selected = null;
  let highlighted;

  list.addEventListener('click', onListClick);
  list.addEventListener('mouseover', onPointerOver);
  list.addEventListener('mouseleave', onPointerLeave);
  list.addEventListener('focusin', onFocusIn);
  list.addEventListener('focusout', onFocusOut);

  function itemFor(target) {
    const item = target instanceof Element ? target.closest('li[data-slug]') : null;
    return item && list.contains(item) ? item : null;
  }

  // Plain left clicks stay in the page; modified clicks open /clubs/{slug} in a new tab.
  function onListClick(event) {
    const link = event.target instanceof Element ? event.target.closest('a.club-link') : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    settings.onOpen(itemFor(link).dataset.slug);
  }

  function highlight(slug) {
    if (slug !== highlighted) {
      highlighted = slug;
      settings.onHighlight(slug);
    }
  }

  function onPointerOver(event) {
    const item = itemFor(event.target);
    highlight(item ? item.dataset.slug : selected);
  }

  function onPointerLeave() {
    highlight(selected);
  }

  function onFocusIn(event) {
    const item = itemFor(event.target);
    if (item) {
      highlight(item.dataset.slug);
    }
  }

  function onFocusOut(event) {
    if (!list.contains(event.relatedTarget)) {
      highlight(selected);
    }
  }

  function render(clubs, { title, origin = '', emptyText = '', remaining: more = 0, expanded: keepExpanded = false } = {}) {
    items = clubs;
    remaining = more;
    selected = null;
    highlighted = undefined;
    heading.textContent = title;
    originNote.textContent = origin;
    originNote.hidden = !origin;
    expanded = keepExpanded;
    list.replaceChildren(...clubs.slice(0, shownCount()).map(renderItem));
    list.hidden = clubs.length === 0;
    renderMore();
    empty.textContent = emptyText;
    empty.hidden = clubs.length > 0 || !emptyText;
    about.replaceChildren(aboutLink());
    about.hidden = empty.hidden;
  }

  function shownCount() {
    return settings.limit > 0 && !expanded ? settings.limit : items.length;
  }

  function renderMore() {
    const hidden = shownCount() < items.length;
    more.hidden = !hidden && remaining === 0;
    more.removeAttribute('aria-busy');
    more.textContent = hidden ? t('results.showAll', { count: items.length })
      : remaining > 0 ? t('results.showMore', { count: remaining }) : '';
  }

  // The rest of the list appears after the first few; focus moves to the first new club.
  function expand() {
    if (expanded) {
      return null;
    }
    const first = list.children.length;
    expanded = true;
    list.append(...items.slice(first).map(renderItem));
    renderMore();
    settings.onExpand();
    return list.children[first]?.querySelector('a.club-link') ?? null;
  }

  function onShowAll() {
    if (shownCount() < items.length) {
      expand()?.focus();
    } else if (remaining > 0 && more.getAttribute('aria-busy') !== 'true') {
      more.setAttribute('aria-busy', 'true');
      settings.onLoadMore();
    }
  }

  function renderItem(club) {
    const item = document.createElement('li');
    item.className = 'club-item';
    item.dataset.slug = club.slug;
    const approximate = club.location && club.location.precision !== 'building';
    if (approximate) {
      item.classList.add('club-item--approximate');
    }

    const title = document.createElement('h3');
    title.className = 'club-item__name';
    const link = document.createElement('a');
    link.className = 'club-link';
    link.href = `/clubs/${encodeURIComponent(club.slug)}`;
    link.textContent = club.name;
    title.appendChild(link);
    item.appendChild(title);

    if (typeof club.distanceMeters === 'number') {
      const distance = document.createElement('p');
      distance.className = 'distance';
      distance.textContent = typeof club.walkingMinutes === 'number'
        ? t('club.distanceWalk', { distance: formatDistance(club.distanceMeters), minutes: formatMinutes(club.walkingMinutes) })
        : formatDistance(club.distanceMeters);
      item.appendChild(distance);
    }

    // District and address on one line, with the operator's symbol (the map uses the same).
    const place = document.createElement('p');
    place.className = 'club-item__address';
    const type = club.operator?.type ?? 'other';
    const symbol = createOperatorSymbol(type, { size: 16, approximate });
    place.appendChild(symbol);
    const placeText = document.createElement('span');
    placeText.textContent = club.district
      ? t('club.addressInDistrict', { address: club.address?.label ?? '', district: club.district.name })
      : club.address?.label ?? '';
    place.appendChild(placeText);
    item.appendChild(place);

    item.appendChild(renderOpenState(club));

    // At most one short caveat: an approximate point, as an icon and a few words.
    if (approximate) {
      const note = caveat(t('club.approximateShort'));
      note.classList.add('approx-note');
      item.appendChild(note);
    }

    if (club.specialNeeds) {
      const badge = document.createElement('p');
      badge.className = 'badge';
      badge.textContent = t('club.specialNeeds');
      item.appendChild(badge);
    }
    return item;
  }

  function select(slug, { scroll = true } = {}) {
    if (slug && !list.querySelector(`li[data-slug="${CSS.escape(slug)}"]`) && items.some((club) => club.slug === slug)) {
      expand();
    }
    selected = slug;
    highlighted = slug;
    for (const item of list.querySelectorAll('li.is-selected')) {
      item.classList.remove('is-selected');
      item.removeAttribute('aria-current');
    }
    const item = slug ? list.querySelector(`li[data-slug="${CSS.escape(slug)}"]`) : null;
    if (item) {
      item.classList.add('is-selected');
      item.setAttribute('aria-current', 'true');
      if (scroll) {
        item.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      }
    }
    return item;
  }

  function focus(slug) {
    const item = slug ? list.querySelector(`li[data-slug="${CSS.escape(slug)}"] a.club-link`) : null;
    if (item) {
      item.focus();
      return true;
    }
    return false;
  }

  function count() {
    return items.length;
  }

  // The next page has come (or failed, or was not wanted): the button answers clicks again.
  function doneLoadingMore() {
    more.removeAttribute('aria-busy');
  }

  return { render, select, focus, count, doneLoadingMore };
}

// "Open now", "Closed now · next: …" or "Schedule not published": null is unknown, not closed.
export function renderOpenState(club) {
  const state = document.createElement('p');
  state.className = 'open-state';
  if (club.openNow === true) {
    state.classList.add('open-state--open');
    state.textContent = t('club.openNow');
  } else if (club.openNow === false) {
    state.classList.add('open-state--closed');
    state.textContent = club.nextOpening
      ? t('club.closedNext', { next: formatDateTime(club.nextOpening) })
      : t('club.closedNow');
  } else {
    state.classList.add('open-state--unknown');
    state.textContent = t('club.scheduleUnknown');
  }
  return state;
}

// Every empty state explains what a club is and who may come: the link to /about/.
export function aboutLink() {
  const link = document.createElement('a');
  link.href = '/about/';
  link.className = 'about-link';
  link.textContent = t('results.whatIsAClub');
  return link;
}
