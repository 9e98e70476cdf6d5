// The details panel for one club: facts, contacts, weekly schedule, directions, sharing and
// sources. Its heading takes focus when it opens; "Back to results" returns to the list.

import { t, formatDate, formatNumber, weekdayName, currentLanguage, formatList, parseLocalDate, capitalize } from './i18n.js';
import { isAborted } from './api.js';
import { createOperatorSymbol } from './operatorSymbols.js';
import { renderOpenState } from './clubList.js';
import { createSuggestionForm } from './suggestionForm.js';

export const DEFAULTS = {
  onBack() {},
  onShowOnMap() {},
  calendarUrl: null,
  // (slug) => the API's occurrences of the next two weeks; null leaves the dated list out.
  getOccurrences: null
};

export function createClubDetails(section, options) {
  // The section is called "section", not "element": element() below builds nodes, and a
  // parameter of that name once shadowed it, so a failed load of the next dates threw instead
  // of saying so.
  const settings = { ...DEFAULTS, ...options };
  const heading = section.querySelector('#club-details-heading');
  const body = section.querySelector('#club-details-body');
  const backButton = section.querySelector('#back-to-results');
  let slug = '';

  backButton.addEventListener('click', function onBackClick() {
    settings.onBack(slug);
  });

  function open() {
    section.hidden = false;
  }

  function close() {
    section.hidden = true;
    slug = '';
  }

  function isOpen() {
    return !section.hidden;
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
    // A page the server rendered for this club keeps its text until the live data replaces it.
    if (section.dataset.serverSlug === newSlug) {
      return;
    }
    heading.textContent = t('details.loading');
    body.replaceChildren();
    section.setAttribute('aria-busy', 'true');
  }

  function showError(newSlug, message, retry) {
    slug = newSlug;
    open();
    delete section.dataset.serverSlug;
    section.removeAttribute('aria-busy');
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
    delete section.dataset.serverSlug;
    section.removeAttribute('aria-busy');
    heading.textContent = club.name;
    body.replaceChildren(...buildBody(club, settings));
    createSuggestionForm(body, { kind: 'correction', club });
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

// Club text comes from the data in Polish: in another language it is marked lang="pl" (screen
// readers switch voice) and, for longer text, labelled as Polish.
function polish(node, { label = false } = {}) {
  if (currentLanguage() === 'pl') {
    return node;
  }
  node.lang = 'pl';
  if (!label) {
    return node;
  }
  const wrapper = element('div', 'in-polish');
  wrapper.append(element('p', 'in-polish__label', t('details.inPolish')), node);
  return wrapper;
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

  if (club.parentNote) {
    parts.push(polish(element('p', 'details__parent-note', club.parentNote), { label: true }));
  }

  parts.push(buildActions(club, settings));
  parts.push(buildFacts(club, approximate));

  if (club.description) {
    parts.push(element('h3', '', t('details.about')));
    const text = element('div', 'details__description');
    for (const paragraph of String(club.description).split(/\n{2,}/)) {
      text.appendChild(element('p', 'details__text', paragraph));
    }
    parts.push(polish(text, { label: true }));
  }

  parts.push(...buildSchedule(club, settings));
  parts.push(...buildClosures(club));
  parts.push(...buildDirections(club, approximate));
  parts.push(...buildShareFallback());
  parts.push(buildHowWeKnow(club, approximate));
  return parts;
}

function buildFacts(club, approximate) {
  const facts = element('dl', 'facts');
  addFact(facts, t('details.address'), addressText(club));
  if (approximate) {
    const note = caveat(t(club.location.precision === 'area' ? 'details.approximateAreaShort' : 'details.approximateStreetShort'));
    note.classList.add('approx-note');
    facts.lastElementChild.appendChild(note);
  }
  addFact(facts, t('details.district'), club.district
    ? t('details.districtValue', { number: club.district.number, name: club.district.name })
    : t('details.unknown'));
  addFact(facts, t('details.fee'), feeText(club.fee));
  if (club.fee) {
    polish(facts.lastElementChild);
  }
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

// Contacts as the numbers and addresses themselves, under the facts (the actions above dial them).
function contactLinks(club) {
  const contacts = club.contacts ?? {};
  const phones = splitValues(contacts.phone)
    .map((phone) => ({ text: phone, digits: phone.replace(/[^\d+]/g, '') }))
    .filter((phone) => phone.digits.length >= 6);
  const emails = splitValues(contacts.email)
    .filter((email) => /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/.test(email));
  return { phones, emails, website: safeHttpUrl(contacts.website) };
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
        polish(element('span', '', club.openingHoursText)));
      parts.push(text);
    }
    return parts;
  }

  sessions.sort((a, b) => (a.weekday - b.weekday) || String(a.startsAt).localeCompare(String(b.startsAt)));
  parts.push(element('p', 'details__text schedule__season', club.season && (club.season.validFrom || club.season.validTo)
    ? t('details.seasonNote', { season: seasonText(club.season) })
    : t('details.seasonUnknown')));
  parts.push(buildTable(sessions), buildDayCards(sessions));

  if (club.openingHoursText) {
    parts.push(polish(element('p', 'details__text details__hours', club.openingHoursText), { label: true }));
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

function sessionTime(session) {
  return session.endsAt
    ? t('details.timeRange', { start: session.startsAt, end: session.endsAt })
    : t('details.timeFrom', { start: session.startsAt });
}

// Wide screens: one table of the week. Phones (under 480 px) see the same sessions as day cards.
function buildTable(sessions) {
  const table = element('table', 'schedule');
  table.setAttribute('aria-labelledby', 'schedule-heading');
  const head = element('thead');
  const headRow = element('tr');
  // No empty "for whom" column when the source names no audience.
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
    row.append(day, element('td', 'schedule__time', sessionTime(session)), activityCell(session));
    if (withAudience) {
      row.appendChild(polish(element('td', '', session.audience ?? '')));
    }
    tbody.appendChild(row);
  }
  table.append(head, tbody);
  return table;
}

function buildDayCards(sessions) {
  const list = element('ul', 'day-cards');
  list.setAttribute('aria-labelledby', 'schedule-heading');
  const days = new Map();
  for (const session of sessions) {
    if (!days.has(session.weekday)) {
      days.set(session.weekday, []);
    }
    days.get(session.weekday).push(session);
  }
  for (const [weekday, daySessions] of days) {
    const card = element('li', 'day-card');
    card.appendChild(element('h4', 'day-card__day', capitalize(weekdayName(weekday))));
    const items = element('ul', 'day-card__sessions');
    for (const session of daySessions) {
      const item = element('li', 'day-card__session');
      item.appendChild(element('span', 'day-card__time', sessionTime(session)));
      const what = polish(element('span', 'day-card__title', session.title ?? ''));
      item.appendChild(what);
      if (session.audience) {
        item.appendChild(polish(element('span', 'day-card__audience', session.audience)));
      }
      const extras = sessionExtras(session);
      if (extras) {
        item.appendChild(element('span', 'schedule__extra', extras));
      }
      items.appendChild(item);
    }
    card.appendChild(items);
    list.appendChild(card);
  }
  return list;
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

// What differs from the rest of the timetable: a session's own dates, registration.
function sessionExtras(session) {
  const extras = [];
  if (session.validFrom || session.validTo) {
    extras.push(t('details.sessionOnly', { range: seasonText(session) }));
  }
  if (session.registrationRequired === true) {
    extras.push(t('details.sessionRegistration'));
  }
  return extras.join(' · ');
}

function activityCell(session) {
  const cell = element('td', '');
  cell.appendChild(polish(element('span', '', session.title ?? '')));
  const extras = sessionExtras(session);
  if (extras) {
    cell.appendChild(element('span', 'schedule__extra', extras));
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
  const heading = element('h3', '', t('details.calendar'));
  heading.id = 'calendar-heading';
  heading.tabIndex = -1;
  return [heading, list, element('p', 'field__hint', t('details.calendarHint'))];
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

function directionsPoint(club) {
  const location = club.location;
  if (!location || !Number.isFinite(location.lat) || !Number.isFinite(location.lon)) {
    return null;
  }
  return `${location.lat.toFixed(6)},${location.lon.toFixed(6)}`;
}

// The Directions action opens Google Maps (the app on most phones); OpenStreetMap is offered here.
function buildDirections(club, approximate) {
  const point = directionsPoint(club);
  if (!point) {
    return [];
  }
  const list = element('ul', 'directions');
  const osm = `https://www.openstreetmap.org/directions?engine=fossgis_osrm_foot&route=;${point}`;
  list.append(element('li', '', null, externalLink(osm, t(`details.directionsOsm${approximate ? 'Approximate' : ''}`))));
  const parts = [element('h3', '', t('details.directions')), list];
  if (approximate) {
    parts.push(element('p', 'field__hint', t('details.directionsApproximateHint')));
  }
  return parts;
}

// The primary actions, as buttons a thumb can hit: Call, Directions, Website or e-mail, Add to
// calendar, Share, Show on the map. An action appears only when the data allows it.
function buildActions(club, settings) {
  const actions = element('div', 'actions');
  const { phones, emails, website } = contactLinks(club);
  if (phones.length > 0) {
    const call = actionLink(`tel:${phones[0].digits}`, 'phone', t('details.actionCall'));
    call.appendChild(element('span', 'action__detail', phones[0].text));
    actions.appendChild(call);
  }
  const point = directionsPoint(club);
  if (point) {
    const google = `https://www.google.com/maps/dir/?api=1&destination=${point}&travelmode=walking`;
    const approximate = club.location.precision !== 'building';
    actions.appendChild(actionLink(google, 'directions', t('details.actionDirections'),
      t(approximate ? 'details.directionsGoogleApproximate' : 'details.directionsGoogle'), { external: true }));
  }
  if (website) {
    actions.appendChild(actionLink(website.href, 'web', t('details.actionWebsite'), displayUrl(website), { external: true }));
  } else if (emails.length > 0) {
    actions.appendChild(actionLink(`mailto:${emails[0]}`, 'mail', t('details.actionEmail'), emails[0]));
  }
  if (settings.calendarUrl && Array.isArray(club.sessions) && club.sessions.length > 0) {
    const calendar = actionButton('calendar', t('details.actionCalendar'));
    calendar.addEventListener('click', function onCalendarClick() {
      const target = document.getElementById('calendar-heading');
      if (target) {
        target.scrollIntoView({ block: 'start' });
        target.focus({ preventScroll: true });
      }
    });
    actions.appendChild(calendar);
  }
  actions.appendChild(shareButton(club));
  const showOnMap = actionButton('map', t('details.showOnMap'));
  showOnMap.classList.add('show-on-map');
  showOnMap.addEventListener('click', function onShowOnMapClick() {
    settings.onShowOnMap(club.slug);
  });
  actions.appendChild(showOnMap);
  return actions;
}

function actionLink(href, icon, label, description, { external = false } = {}) {
  const anchor = element('a', 'action');
  anchor.href = href;
  anchor.append(actionIcon(icon), element('span', 'action__label', label));
  if (description && description !== label) {
    anchor.appendChild(element('span', 'visually-hidden', `: ${description}`));
  }
  if (external) {
    anchor.target = '_blank';
    anchor.rel = 'noopener';
    anchor.appendChild(element('span', 'visually-hidden', ` (${t('common.newTab')})`));
  }
  return anchor;
}

function actionButton(icon, label) {
  const button = element('button', 'action');
  button.type = 'button';
  button.append(actionIcon(icon), element('span', 'action__label', label));
  return button;
}

const ICONS = {
  phone: 'M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z',
  directions: 'M21.7 11.3l-9-9a1 1 0 0 0-1.4 0l-9 9a1 1 0 0 0 0 1.4l9 9a1 1 0 0 0 1.4 0l9-9a1 1 0 0 0 0-1.4zM14 14.5V12h-4v3H8v-4a1 1 0 0 1 1-1h5V7.5l3.5 3.5z',
  web: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm6.9 6h-3a15.7 15.7 0 0 0-1.4-3.6A8 8 0 0 1 18.9 8zM12 4a14 14 0 0 1 1.9 4h-3.8A14 14 0 0 1 12 4zM4.3 14a8.2 8.2 0 0 1 0-4h3.4a16.5 16.5 0 0 0 0 4zm.8 2h3a15.7 15.7 0 0 0 1.4 3.6A8 8 0 0 1 5.1 16zm3-8h-3a8 8 0 0 1 4.4-3.6A15.7 15.7 0 0 0 8.1 8zM12 20a14 14 0 0 1-1.9-4h3.8A14 14 0 0 1 12 20zm2.3-6H9.7a14.7 14.7 0 0 1 0-4h4.6a14.7 14.7 0 0 1 0 4zm.2 5.6a15.7 15.7 0 0 0 1.4-3.6h3a8 8 0 0 1-4.4 3.6zm1.8-5.6a16.5 16.5 0 0 0 0-4h3.4a8.2 8.2 0 0 1 0 4z',
  mail: 'M20 4H4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2zm0 4-8 5-8-5V6l8 5 8-5z',
  calendar: 'M19 4h-1V2h-2v2H8V2H6v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2zm0 16H5V10h14zm-8-8h2v3h3v2h-3v3h-2v-3H8v-2h3z',
  share: 'M18 16a3 3 0 0 0-2.4 1.2l-6.7-3.4a3 3 0 0 0 0-1.6l6.7-3.4A3 3 0 1 0 15 7a3 3 0 0 0 .1.8L8.4 11.2a3 3 0 1 0 0 3.6l6.7 3.4a3 3 0 1 0 2.9-2.2z',
  map: 'M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z'
};

function actionIcon(name) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '22');
  svg.setAttribute('height', '22');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.classList.add('action__icon');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', ICONS[name]);
  path.setAttribute('fill', 'currentColor');
  svg.appendChild(path);
  return svg;
}

// A short caveat line: a small icon and a few words, not a warning box.
export function caveat(text) {
  const line = element('p', 'caveat');
  const icon = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('width', '16');
  icon.setAttribute('height', '16');
  icon.setAttribute('aria-hidden', 'true');
  icon.setAttribute('focusable', 'false');
  icon.classList.add('caveat__icon');
  const ring = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
  ring.setAttribute('cx', '12');
  ring.setAttribute('cy', '12');
  ring.setAttribute('r', '8');
  ring.setAttribute('fill', 'none');
  ring.setAttribute('stroke', 'currentColor');
  ring.setAttribute('stroke-width', '2');
  ring.setAttribute('stroke-dasharray', '3 2.3');
  const dot = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
  dot.setAttribute('cx', '12');
  dot.setAttribute('cy', '12');
  dot.setAttribute('r', '2.5');
  dot.setAttribute('fill', 'currentColor');
  icon.append(ring, dot);
  line.append(icon, element('span', '', text));
  return line;
}

const shareState = { status: null, fallback: null };

function shareButton(club) {
  const url = new URL(`/clubs/${encodeURIComponent(club.slug)}`, window.location.origin).href;
  const share = actionButton('share', t(navigator.share ? 'details.share' : 'details.copyLink'));
  share.classList.add('share-button');
  share.addEventListener('click', async function onShareClick() {
    const { status, fallback } = shareState;
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
      fallback.value = url;
      fallback.hidden = false;
      fallback.select();
      status.textContent = t('details.copyManually');
    }
  });
  return share;
}

function buildShareFallback() {
  const status = element('p', 'share-status');
  status.setAttribute('role', 'status');
  const fallback = element('input', 'share-url');
  fallback.type = 'text';
  fallback.readOnly = true;
  fallback.hidden = true;
  fallback.setAttribute('aria-label', t('details.shareUrlLabel'));
  shareState.status = status;
  shareState.fallback = fallback;
  return [fallback, status];
}

// "How we know": sources, verification and the map point's precision, folded at the end.
function buildHowWeKnow(club, approximate) {
  const box = element('details', 'how-we-know');
  box.appendChild(element('summary', 'how-we-know__summary', t('details.howWeKnow')));
  box.appendChild(element('p', 'details__text', t('details.howWeKnowIntro')));
  const facts = element('dl', 'provenance');
  addFact(facts, t('details.lastVerified'), club.lastVerifiedAt ? formatDate(club.lastVerifiedAt) : t('details.notVerified'));
  if (club.location) {
    addFact(facts, t('details.mapPoint'), t(approximate
      ? (club.location.precision === 'area' ? 'details.approximateArea' : 'details.approximateStreet')
      : 'details.pointBuilding'));
  }
  box.appendChild(facts);
  const sources = buildSources(club);
  if (sources.length > 0) {
    box.append(...sources);
  }
  box.appendChild(element('p', 'field__hint', t('details.howWeKnowFix')));
  return box;
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
    item.appendChild(externalLink(url.href, url.hostname.replace(/^www\./, '')));
    // Only a real date is shown; the curators' free-text remarks about dates stay internal.
    if (source.date && /^\d{4}-\d{2}(-\d{2})?$/.test(source.date)) {
      item.appendChild(document.createTextNode(` (${source.date.length === 7
        ? formatDate(`${source.date}-01`, { month: 'long', year: 'numeric' })
        : formatDate(source.date)})`));
    }
    items.push(item);
  }
  const main = safeHttpUrl(club.sourceUrl);
  if (main && !sources.some((source) => source.url === club.sourceUrl)) {
    items.unshift(element('li', '', null, externalLink(main.href, main.hostname.replace(/^www\./, ''))));
  }
  if (items.length === 0) {
    return [];
  }
  const list = element('ul', 'sources');
  list.append(...items);
  return [element('h4', '', t('details.sources')), list];
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
