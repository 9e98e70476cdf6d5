// The details panel for one club: facts, contacts, weekly schedule, directions, sharing and
// sources. Its heading takes focus when it opens; "Back to results" returns to the list.

import { t, formatDate, formatNumber, weekdayName, currentLanguage, formatList, parseLocalDate, capitalize } from './i18n.js';
import { isAborted } from './api.js';
import { createOperatorSymbol } from './operatorSymbols.js';
import { renderOpenState } from './clubList.js';

export const DEFAULTS = {
  onBack() {},
  onShowOnMap() {},
  calendarUrl: null,
  // (slug) => the API's occurrences of the next two weeks; null leaves the dated list out.
  getOccurrences: null
};

export function createClubDetails(element, options) {
  const settings = { ...DEFAULTS, ...options };
  const heading = element.querySelector('#club-details-heading');
  const body = element.querySelector('#club-details-body');
  const backButton = element.querySelector('#back-to-results');
  let slug = '';

  backButton.addEventListener('click', function onBackClick() {
    settings.onBack(slug);
  });

  function open() {
    element.hidden = false;
  }

  function close() {
    element.hidden = true;
    slug = '';
  }

  function isOpen() {
    return !element.hidden;
  }

  function currentSlug() {
    return slug;
  }

  function focusHeading() {
    heading.focus();
  }

  function showLoading(newSlug) {
    slug = newSlug;
    open();
    heading.textContent = t('details.loading');
    body.replaceChildren();
    element.setAttribute('aria-busy', 'true');
  }

  function showError(newSlug, message, retry) {
    slug = newSlug;
    open();
    element.removeAttribute('aria-busy');
    heading.textContent = t('details.errorHeading');
    const text = document.createElement('p');
    text.className = 'error-text';
    text.textContent = message;
    body.replaceChildren(text);
    if (retry) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'button';
      button.textContent = t('status.retry');
      button.addEventListener('click', retry);
      body.appendChild(button);
    }
  }

  function show(club) {
    slug = club.slug;
    open();
    element.removeAttribute('aria-busy');
    heading.textContent = club.name;
    body.replaceChildren(...buildBody(club, settings));
    fillDates(club);
  }

  // The next two weeks as dated sessions, with the ones a holiday or closure cancels.
  async function fillDates(club) {
    const box = body.querySelector('.dates');
    if (!box || !settings.getOccurrences) {
      return;
    }
    try {
      const result = await settings.getOccurrences(club.slug);
      if (slug === club.slug && box.isConnected) {
        box.replaceChildren(...renderDates(result));
      }
    } catch (error) {
      if (!isAborted(error) && slug === club.slug && box.isConnected) {
        box.replaceChildren(element('p', 'error-text', t('details.datesError')));
      }
    } finally {
      box.removeAttribute('aria-busy');
    }
  }

  return { show, showLoading, showError, close, isOpen, currentSlug, focusHeading };
}

function buildBody(club, settings) {
  const approximate = club.location && club.location.precision !== 'building';
  const parts = [];

  const operator = element('p', 'details__operator');
  const type = club.operator?.type ?? 'other';
  operator.appendChild(createOperatorSymbol(type, { size: 18, approximate }));
  operator.appendChild(element('span', '', club.operator?.name
    ? t('club.operatorWithType', { name: club.operator.name, type: t(`operatorType.${type}`) })
    : t(`operatorType.${type}`)));
  parts.push(operator, renderOpenState(club));

  if (approximate) {
    parts.push(element('p', 'approx-note approx-note--box',
      t(club.location.precision === 'area' ? 'details.approximateArea' : 'details.approximateStreet')));
  }

  parts.push(buildFacts(club));
  parts.push(...buildContacts(club));

  if (club.description) {
    parts.push(element('h3', '', t('details.about')));
    for (const paragraph of String(club.description).split(/\n{2,}/)) {
      parts.push(element('p', 'details__text', paragraph));
    }
  }

  parts.push(...buildSchedule(club, settings));
  parts.push(...buildClosures(club));

  if (club.notes) {
    parts.push(element('h3', '', t('details.notes')));
    parts.push(element('p', 'details__text details__notes', club.notes));
  }

  parts.push(...buildDirections(club, approximate));
  parts.push(...buildActions(club, settings));
  parts.push(...buildSources(club));
  return parts;
}

function buildFacts(club) {
  const facts = element('dl', 'facts');
  addFact(facts, t('details.address'), addressText(club));
  addFact(facts, t('details.district'), club.district
    ? t('details.districtValue', { number: club.district.number, name: club.district.name })
    : t('details.unknown'));
  addFact(facts, t('details.fee'), feeText(club.fee));
  addFact(facts, t('details.registration'), club.registrationRequired === true
    ? t('details.registrationRequired')
    : club.registrationRequired === false ? t('details.registrationNotRequired') : t('details.unknown'));
  if (Array.isArray(club.languages) && club.languages.length > 0) {
    addFact(facts, t('details.languages'), languageNames(club.languages));
  }
  if (club.specialNeeds) {
    addFact(facts, t('details.specialNeeds'), t('club.specialNeeds'));
  }
  if (club.season && (club.season.validFrom || club.season.validTo)) {
    addFact(facts, t('details.season'), seasonText(club.season));
  }
  addFact(facts, t('details.lastVerified'), club.lastVerifiedAt
    ? formatDate(club.lastVerifiedAt)
    : t('details.notVerified'));
  return facts;
}

function addFact(list, term, value) {
  list.append(element('dt', '', term), element('dd', '', value));
}

function addressText(club) {
  const address = club.address ?? {};
  if (address.label) {
    return address.label;
  }
  return [[address.street, address.houseNumber].filter(Boolean).join(' '), address.postcode]
    .filter(Boolean).join(', ');
}

function feeText(fee) {
  if (fee === null || fee === undefined || fee === '') {
    return t('details.unknown');
  }
  if (typeof fee === 'number') {
    return fee === 0
      ? t('details.free')
      : formatNumber(fee, { style: 'currency', currency: 'PLN' });
  }
  return String(fee);
}

function languageNames(codes) {
  let names = null;
  try {
    names = new Intl.DisplayNames([currentLanguage()], { type: 'language' });
  } catch {
    names = null;
  }
  return formatList(codes.map((code) => {
    try {
      return (names && names.of(code)) || code;
    } catch {
      return String(code);
    }
  }));
}

function seasonText(season) {
  if (season.validFrom && season.validTo) {
    return t('details.seasonRange', { from: formatDate(season.validFrom), to: formatDate(season.validTo) });
  }
  return season.validFrom
    ? t('details.seasonFrom', { from: formatDate(season.validFrom) })
    : t('details.seasonTo', { to: formatDate(season.validTo) });
}

function buildContacts(club) {
  const contacts = club.contacts ?? {};
  const items = [];
  for (const phone of splitValues(contacts.phone)) {
    const digits = phone.replace(/[^\d+]/g, '');
    if (digits.length >= 6) {
      items.push(contactItem(t('details.phone'), link(`tel:${digits}`, phone)));
    }
  }
  for (const email of splitValues(contacts.email)) {
    if (/^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/.test(email)) {
      items.push(contactItem(t('details.email'), link(`mailto:${email}`, email)));
    }
  }
  const website = safeHttpUrl(contacts.website);
  if (website) {
    items.push(contactItem(t('details.website'), externalLink(website.href, displayUrl(website))));
  }
  if (items.length === 0) {
    return [];
  }
  const list = element('ul', 'contacts');
  list.append(...items);
  return [element('h3', '', t('details.contacts')), list];
}

function contactItem(label, content) {
  const item = element('li');
  item.append(element('span', 'contacts__label', `${label}: `), content);
  return item;
}

function splitValues(value) {
  if (!value) {
    return [];
  }
  return String(value).split(/[,;]/).map((part) => part.trim()).filter(Boolean);
}

function buildSchedule(club, settings) {
  const parts = [element('h3', '', t('details.schedule'))];
  const heading = parts[0];
  heading.id = 'schedule-heading';
  const sessions = Array.isArray(club.sessions) ? club.sessions.slice() : [];

  if (sessions.length === 0) {
    parts.push(element('p', 'details__text', t('details.scheduleNotPublished')));
    if (club.openingHoursText) {
      const text = element('p', 'details__text details__hours');
      text.append(element('span', 'contacts__label', `${t('details.openingHoursText')}: `),
        document.createTextNode(club.openingHoursText));
      parts.push(text);
    }
    return parts;
  }

  sessions.sort((a, b) => (a.weekday - b.weekday) || String(a.startsAt).localeCompare(String(b.startsAt)));
  parts.push(element('p', 'details__text schedule__season', club.season && (club.season.validFrom || club.season.validTo)
    ? t('details.seasonNote', { season: seasonText(club.season) })
    : t('details.seasonUnknown')));
  const table = element('table', 'schedule');
  table.setAttribute('aria-labelledby', 'schedule-heading');
  const head = element('thead');
  const headRow = element('tr');
  // No empty "for whom" column when the source names no audience (it costs a phone's width).
  const withAudience = sessions.some((session) => session.audience);
  const columns = ['details.day', 'details.time', 'details.activity'].concat(withAudience ? ['details.audience'] : []);
  for (const key of columns) {
    const cell = element('th', '', t(key));
    cell.scope = 'col';
    headRow.appendChild(cell);
  }
  head.appendChild(headRow);
  const tbody = element('tbody');
  for (const session of sessions) {
    const row = element('tr');
    const day = element('th', '', weekdayName(session.weekday));
    day.scope = 'row';
    row.append(
      day,
      element('td', 'schedule__time', session.endsAt
        ? t('details.timeRange', { start: session.startsAt, end: session.endsAt })
        : t('details.timeFrom', { start: session.startsAt })),
      activityCell(session)
    );
    if (withAudience) {
      row.appendChild(element('td', '', session.audience ?? ''));
    }
    tbody.appendChild(row);
  }
  table.append(head, tbody);
  const wrapper = element('div', 'table-scroll');
  wrapper.tabIndex = 0;
  wrapper.setAttribute('role', 'group');
  wrapper.setAttribute('aria-labelledby', 'schedule-heading');
  wrapper.appendChild(table);
  parts.push(wrapper);

  if (club.openingHoursText) {
    parts.push(element('p', 'details__text details__hours', club.openingHoursText));
  }
  parts.push(element('p', 'field__hint', t('details.holidaysNote')));
  if (settings.getOccurrences) {
    const dates = element('div', 'dates');
    dates.setAttribute('aria-busy', 'true');
    dates.appendChild(element('p', 'field__hint', t('details.datesLoading')));
    parts.push(element('h3', '', t('details.dates')), dates);
  }
  if (settings.calendarUrl) {
    parts.push(...buildCalendar(club, settings));
  }
  return parts;
}

function renderDates(result) {
  const held = (Array.isArray(result?.items) ? result.items : []).map((item) => ({
    key: `${item.date} ${clockText(item.start)}`,
    node: dateItem(item.date, clockText(item.start), item.endKnown === false ? '' : clockText(item.end), item.title, null)
  }));
  const cancelled = (Array.isArray(result?.cancelled) ? result.cancelled : []).map((item) => ({
    key: `${item.date} ${item.startsAt}`,
    node: dateItem(item.date, item.startsAt, '', item.title, item)
  }));
  const all = held.concat(cancelled).sort((a, b) => a.key.localeCompare(b.key));
  if (all.length === 0) {
    return [element('p', 'details__text', t('details.datesNone'))];
  }
  const list = element('ul', 'dates__list');
  list.append(...all.map((entry) => entry.node));
  return [list];
}

function dateItem(date, start, end, title, cancellation) {
  const item = element('li', cancellation ? 'dates__item dates__item--cancelled' : 'dates__item');
  const when = element('time', 'dates__when', `${capitalize(formatDate(date, { weekday: 'long', day: 'numeric', month: 'long' }))}, ${
    end ? t('details.timeRange', { start, end }) : start}`);
  when.dateTime = `${date}T${start}`;
  item.append(when, document.createTextNode(' · '), element('span', '', title ?? ''));
  if (cancellation) {
    item.appendChild(element('span', 'dates__cancelled', ` — ${t(cancellation.kind === 'holiday'
      ? 'details.cancelledHoliday' : 'details.cancelledClosure', { reason: cancellation.reason ?? '' })}`));
  }
  return item;
}

function clockText(localDateTime) {
  const date = parseLocalDate(localDateTime);
  return date ? `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}` : '';
}

// The session's title, then what differs from the rest of the timetable: its own dates, registration.
function activityCell(session) {
  const cell = element('td', '', session.title ?? '');
  const extras = [];
  if (session.validFrom || session.validTo) {
    extras.push(t('details.sessionOnly', { range: seasonText(session) }));
  }
  if (session.registrationRequired === true) {
    extras.push(t('details.sessionRegistration'));
  }
  if (extras.length > 0) {
    cell.appendChild(element('span', 'schedule__extra', extras.join(' · ')));
  }
  return cell;
}

// The same feed twice: a download (one-off import) and webcal:// (a subscription that follows changes).
function buildCalendar(club, settings) {
  const path = settings.calendarUrl(club.slug);
  const download = link(path, t('details.calendarDownload'));
  download.setAttribute('download', `${club.slug}.ics`);
  download.type = 'text/calendar';
  const subscribe = link(`webcal://${window.location.host}${path}`, t('details.calendarSubscribe'));
  const list = element('ul', 'calendar-links');
  list.append(element('li', '', null, download), element('li', '', null, subscribe));
  return [element('h3', '', t('details.calendar')), list, element('p', 'field__hint', t('details.calendarHint'))];
}

function buildClosures(club) {
  const closures = Array.isArray(club.closures) ? club.closures : [];
  if (closures.length === 0) {
    return [];
  }
  const list = element('ul', 'closures');
  for (const closure of closures) {
    const range = closure.from === closure.to || !closure.to
      ? formatDate(closure.from)
      : t('details.dateRange', { from: formatDate(closure.from), to: formatDate(closure.to) });
    list.appendChild(element('li', '', closure.reason ? `${range}: ${closure.reason}` : range));
  }
  return [element('h3', '', t('details.closures')), list];
}

function buildDirections(club, approximate) {
  const location = club.location;
  if (!location || !Number.isFinite(location.lat) || !Number.isFinite(location.lon)) {
    return [];
  }
  const point = `${location.lat.toFixed(6)},${location.lon.toFixed(6)}`;
  const list = element('ul', 'directions');
  const osm = `https://www.openstreetmap.org/directions?engine=fossgis_osrm_foot&route=;${point}`;
  const google = `https://www.google.com/maps/dir/?api=1&destination=${point}&travelmode=walking`;
  const suffix = approximate ? 'Approximate' : '';
  list.append(
    element('li', '', null, externalLink(osm, t(`details.directionsOsm${suffix}`))),
    element('li', '', null, externalLink(google, t(`details.directionsGoogle${suffix}`)))
  );
  const parts = [element('h3', '', t('details.directions')), list];
  if (approximate) {
    parts.push(element('p', 'field__hint', t('details.directionsApproximateHint')));
  }
  return parts;
}

function buildActions(club, settings) {
  const actions = element('div', 'details__actions');
  const url = new URL(`/clubs/${encodeURIComponent(club.slug)}`, window.location.origin).href;
  const share = element('button', 'button share-button', t(navigator.share ? 'details.share' : 'details.copyLink'));
  share.type = 'button';
  const status = element('p', 'share-status');
  status.setAttribute('role', 'status');
  const fallback = element('input', 'share-url');
  fallback.type = 'text';
  fallback.readOnly = true;
  fallback.value = url;
  fallback.hidden = true;
  fallback.setAttribute('aria-label', t('details.shareUrlLabel'));

  share.addEventListener('click', async function onShareClick() {
    if (navigator.share) {
      try {
        await navigator.share({ title: club.name, url });
        return;
      } catch (error) {
        if (error && error.name === 'AbortError') {
          return;
        }
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      status.textContent = t('details.linkCopied');
    } catch {
      // No clipboard (insecure origin, denied): show the address to copy by hand.
      fallback.hidden = false;
      fallback.select();
      status.textContent = t('details.copyManually');
    }
  });

  const showOnMap = element('button', 'button show-on-map', t('details.showOnMap'));
  showOnMap.type = 'button';
  showOnMap.addEventListener('click', function onShowOnMapClick() {
    settings.onShowOnMap(club.slug);
  });
  actions.append(share, showOnMap);
  return [element('h3', '', t('details.shareHeading')), actions, fallback, status];
}

function buildSources(club) {
  const items = [];
  const sources = Array.isArray(club.sources) ? club.sources : [];
  for (const source of sources) {
    const url = safeHttpUrl(source.url);
    if (!url) {
      continue;
    }
    const item = element('li');
    item.appendChild(externalLink(url.href, displayUrl(url)));
    const extra = [source.date ? formatDate(source.date) : '', source.supports ?? ''].filter(Boolean).join(' — ');
    if (extra) {
      item.appendChild(document.createTextNode(` (${extra})`));
    }
    items.push(item);
  }
  const main = safeHttpUrl(club.sourceUrl);
  if (main && !sources.some((source) => source.url === club.sourceUrl)) {
    items.unshift(element('li', '', null, externalLink(main.href, displayUrl(main))));
  }
  if (items.length === 0) {
    return [];
  }
  const list = element('ul', 'sources');
  list.append(...items);
  return [element('h3', '', t('details.sources')), list];
}

// Only http(s) links from the API become hrefs: "javascript:" and friends never do.
function safeHttpUrl(value) {
  if (!value) {
    return null;
  }
  try {
    const url = new URL(String(value));
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

function displayUrl(url) {
  const text = `${url.hostname}${url.pathname === '/' ? '' : url.pathname}`;
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function link(href, text) {
  const anchor = element('a', '', text);
  anchor.href = href;
  return anchor;
}

function externalLink(href, text) {
  const anchor = link(href, text);
  anchor.target = '_blank';
  anchor.rel = 'noopener';
  anchor.appendChild(element('span', 'visually-hidden', ` (${t('common.newTab')})`));
  return anchor;
}

function element(name, className = '', text = null, child = null) {
  const node = document.createElement(name);
  if (className) {
    node.className = className;
  }
  if (text !== null && text !== undefined) {
    node.textContent = text;
  }
  if (child) {
    node.appendChild(child);
  }
  return node;
}
