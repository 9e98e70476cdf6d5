// A club's week: the timetable (a table on wide screens, day cards on phones), the next dated
// sessions with holidays and closures, and the calendar subscription.

import { link, element } from './dom.js';
import { polish, seasonText } from './clubFacts.js';
import { t, formatDate, weekdayName, parseLocalDate, capitalize } from './i18n.js';

export function buildSchedule(club, settings) {
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

export function renderDates(result) {
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

export function buildClosures(club) {
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
