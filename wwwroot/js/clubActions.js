// What a parent does next on a club page: call, directions, website or e-mail, calendar, share.

import { displayUrl, externalLink, element } from './dom.js';
import { contactLinks } from './clubFacts.js';
import { t } from './i18n.js';

function directionsPoint(club) {
  const location = club.location;
  if (!location || !Number.isFinite(location.lat) || !Number.isFinite(location.lon)) {
    return null;
  }
  return `${location.lat.toFixed(6)},${location.lon.toFixed(6)}`;
}

// The Directions action opens Google Maps (the app on most phones); OpenStreetMap is offered here.
export function buildDirections(club, approximate) {
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
export function buildActions(club, settings) {
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

export function buildShareFallback() {
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
