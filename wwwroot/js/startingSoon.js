// "Starting soon near me": sessions that start in the next three hours within 3 km of a point
// (the search's point, else the parent's location), soonest first, each with its club, time and
// walking distance. It adds its own button to the results and its own panel after them; text
// from the API goes in with textContent only.

import { aboutLink } from './clubList.js';
import { t, formatDistance, formatMinutes, formatNumber, parseLocalDate, currentLanguage } from './i18n.js';
import { isAborted } from './api.js';
import { element } from './dom.js';
import { locate } from './geolocation.js';

export const DEFAULTS = {
  api: null,
  status: null,
  within: 'PT3H',
  radius: 3000,
  // () => the search on screen; a point search is used as it is, anything else asks for the location.
  currentSearch: () => null,
  // (fields) => open the view for a point: { kind: 'point', lat, lon, place, origin }.
  onRequest() {},
  onOpen() {},
  onBack() {},
  errorMessage: (error) => String(error?.message ?? error)
};

export function createStartingSoon(resultsSection, options) {
  const settings = { ...DEFAULTS, ...options };

  const trigger = element('button', 'button soon-trigger');
  trigger.type = 'button';
  trigger.id = 'starting-soon-open';
  const triggerRow = element('p', 'soon-trigger-row');
  triggerRow.appendChild(trigger);
  resultsSection.querySelector('#results-heading').after(triggerRow);

  const panel = element('section', 'details soon');
  panel.id = 'starting-soon';
  panel.hidden = true;
  panel.setAttribute('aria-labelledby', 'starting-soon-heading');
  const back = element('button', 'button button--link back-link');
  back.type = 'button';
  const backArrow = element('span', '', '←');
  backArrow.setAttribute('aria-hidden', 'true');
  const backText = element('span');
  back.append(backArrow, document.createTextNode(' '), backText);
  const heading = element('h2');
  heading.id = 'starting-soon-heading';
  heading.tabIndex = -1;
  const origin = element('p', 'results__origin');
  const list = element('ol', 'club-list soon-list');
  const empty = element('p', 'results__empty');
  empty.hidden = true;
  // The empty state links to "What is a Klub Rodziców?", as the results' does.
  const about = element('p', 'results__about');
  about.hidden = true;
  panel.append(back, heading, origin, list, empty, about);
  resultsSection.after(panel);

  let shown = { search: null, result: null };
  let token = 0;

  trigger.addEventListener('click', onTriggerClick);
  back.addEventListener('click', function onBackClick() {
    settings.onBack();
  });
  list.addEventListener('click', onListClick);
  updateTexts();

  async function onTriggerClick() {
    const search = settings.currentSearch();
    if (search && search.kind === 'point' && Number.isFinite(search.lat) && Number.isFinite(search.lon)) {
      settings.onRequest({ kind: 'point', lat: search.lat, lon: search.lon, place: search.place, origin: search.origin });
      return;
    }
    settings.status.busy(t('geo.locating'));
    try {
      const position = await locate();
      settings.onRequest({ kind: 'point', lat: position.lat, lon: position.lon, place: '', origin: 'location' });
    } catch (error) {
      settings.status.error(`${t(`geo.${error.reason ?? 'unavailable'}`)} ${t('soon.needPoint')}`, onTriggerClick);
    }
  }

  // Plain left clicks stay in the page, like the results list; modified clicks open a new tab.
  function onListClick(event) {
    const link = event.target instanceof Element ? event.target.closest('a.club-link') : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    settings.onOpen(link.dataset.slug);
  }

  async function show(search, { focus = false } = {}) {
    const current = ++token;
    panel.hidden = false;
    if (shown.result && shown.search && sameSearch(shown.search, search)) {
      shown.search = search;
      render();
      settings.status.info(countText());
    } else {
      shown = { search, result: null };
      heading.textContent = t('soon.heading');
      origin.textContent = originText(search);
      list.replaceChildren();
      empty.hidden = true;
      about.hidden = true;
      panel.setAttribute('aria-busy', 'true');
      settings.status.busy(t('soon.loading'));
      try {
        const result = await settings.api.getUpcoming(
          { lat: search.lat, lon: search.lon, within: settings.within, radius: settings.radius }, 'soon');
        if (current !== token) {
          return;
        }
        shown.result = result;
        render();
        settings.status.info(countText());
      } catch (error) {
        if (isAborted(error) || current !== token) {
          return;
        }
        settings.status.error(settings.errorMessage(error), function retrySoon() {
          show(search, { focus: true });
        });
      } finally {
        if (current === token) {
          panel.removeAttribute('aria-busy');
        }
      }
    }
    if (focus && current === token) {
      heading.focus();
    }
  }

  function hide() {
    token += 1;
    settings.api.cancel('soon');
    panel.hidden = true;
    panel.removeAttribute('aria-busy');
  }

  function isOpen() {
    return !panel.hidden;
  }

  function render() {
    const { search, result } = shown;
    heading.textContent = t('soon.heading');
    origin.textContent = originText(search);
    const items = Array.isArray(result?.items) ? result.items : [];
    list.replaceChildren(...items.map((item) => renderItem(item, result.from)));
    list.hidden = items.length === 0;
    empty.textContent = t('soon.empty');
    about.replaceChildren(aboutLink());
    empty.hidden = items.length > 0;
    about.hidden = empty.hidden;
  }

  function countText() {
    const count = Array.isArray(shown.result?.items) ? shown.result.items.length : 0;
    return count === 0 ? t('soon.none') : t('soon.found', { count });
  }

  function updateTexts() {
    trigger.textContent = t('soon.open');
    backText.textContent = t('details.back');
    if (shown.search) {
      heading.textContent = t('soon.heading');
      origin.textContent = originText(shown.search);
      if (shown.result) {
        render();
        if (isOpen()) {
          settings.status.info(countText());
        }
      }
    }
  }

  function title() {
    return t('soon.heading');
  }

  return { show, hide, isOpen, updateTexts, title };
}

function sameSearch(a, b) {
  return a.lat === b.lat && a.lon === b.lon;
}

function originText(search) {
  if (search.origin === 'location') {
    return t('soon.fromLocation');
  }
  return search.place ? t('soon.fromPlace', { place: search.place }) : t('soon.fromPoint');
}

function renderItem(session, now) {
  const item = element('li', 'club-item soon-item');
  item.dataset.slug = session.club?.slug ?? '';

  const title = element('h3', 'soon-item__title');
  const time = element('time', 'soon-item__time', timeText(session));
  time.dateTime = String(session.start ?? '');
  title.append(time, document.createTextNode(' · '), element('span', '', session.title || session.club?.name || ''));
  item.appendChild(title);

  item.appendChild(element('p', 'soon-item__when', startsInText(session.start, now)));

  const club = element('p', 'soon-item__club');
  const link = element('a', 'club-link', session.club?.name ?? '');
  link.href = `/clubs/${encodeURIComponent(session.club?.slug ?? '')}`;
  link.dataset.slug = session.club?.slug ?? '';
  club.append(element('span', 'contacts__label', `${t('soon.atClub')} `), link);
  item.appendChild(club);

  if (session.club?.address?.label) {
    item.appendChild(element('p', 'club-item__address', session.club.district
      ? t('club.addressInDistrict', { address: session.club.address.label, district: session.club.district.name })
      : session.club.address.label));
  }
  if (typeof session.distanceMeters === 'number') {
    item.appendChild(element('p', 'distance', typeof session.walkingMinutes === 'number'
      ? t('club.distanceWalk', { distance: formatDistance(session.distanceMeters), minutes: formatMinutes(session.walkingMinutes) })
      : formatDistance(session.distanceMeters)));
  }
  const extras = [];
  if (session.audience) {
    extras.push(t('soon.audience', { audience: session.audience }));
  }
  if (session.registrationRequired === true) {
    extras.push(t('details.sessionRegistration'));
  }
  if (extras.length > 0) {
    item.appendChild(element('p', 'soon-item__extra', extras.join(' · ')));
  }
  return item;
}

function clock(text) {
  const date = parseLocalDate(text);
  return date
    ? new Intl.DateTimeFormat(currentLanguage(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date)
    : '';
}

function timeText(session) {
  const start = clock(session.start);
  return session.endKnown === false || !session.end
    ? `${t('details.timeFrom', { start })} (${t('soon.endUnknown')})`
    : t('details.timeRange', { start, end: clock(session.end) });
}

// Both times are the server's Kraków wall-clock times, so the browser's own clock (which may be
// wrong or in another zone) plays no part.
function startsInText(start, now) {
  const from = parseLocalDate(now);
  const at = parseLocalDate(start);
  if (!from || !at) {
    return '';
  }
  const minutes = Math.round((at - from) / 60000);
  if (minutes < 1) {
    return t('soon.startsNow');
  }
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [];
  if (hours > 0) {
    parts.push(formatNumber(hours, { style: 'unit', unit: 'hour', unitDisplay: 'short' }));
  }
  if (rest > 0) {
    parts.push(formatMinutes(rest));
  }
  return t('soon.startsIn', { time: parts.join(' ') });
}
