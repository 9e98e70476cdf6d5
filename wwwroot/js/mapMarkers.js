// What the map draws for clubs and clicks: marker and cluster icons (44 px touch targets) and
// the contents of its two popups. Text goes in as text. Uses the global L.

import { t } from './i18n.js';
import { createOperatorSymbol, createOriginSymbol } from './operatorSymbols.js';

export function createClubIcon(club) {
  const approximate = club.location.precision !== 'building';
  const type = club.operator?.type ?? 'other';
  return L.divIcon({
    html: createOperatorSymbol(type, { size: 26, approximate }),
    className: `club-marker club-marker--${type}${approximate ? ' club-marker--approximate' : ''}`,
    // A 44 × 44 touch target around the 26 px symbol (WCAG 2.5.5).
    iconSize: [44, 44],
    iconAnchor: [22, 22],
    popupAnchor: [0, -12]
  });
}

export function createClusterIcon(cluster) {
  const count = cluster.getChildCount();
  const inner = document.createElement('div');
  const number = document.createElement('span');
  number.textContent = String(count);
  number.setAttribute('aria-hidden', 'true');
  const label = document.createElement('span');
  label.className = 'visually-hidden';
  label.textContent = t('map.cluster', { count });
  inner.append(number, label);
  return L.divIcon({ html: inner, className: 'marker-cluster club-cluster', iconSize: L.point(44, 44) });
}

export function createOriginIcon() {
  return L.divIcon({ html: createOriginSymbol(), className: 'origin-marker', iconSize: [26, 26], iconAnchor: [13, 13] });
}

// A click could mean "nearest from here" or "this district": ask, rather than guess.
export function searchPopupContent(district, { onSearchHere, onDistrictPick }) {
  const content = popupContent(district ? t('map.pointInDistrict', { district: district.name }) : t('map.point'));
  content.appendChild(popupButton('button button--primary map-search-here', t('map.searchHere'), onSearchHere));
  if (district) {
    content.appendChild(popupButton('button map-search-district', t('map.searchDistrict', { district: district.name }), onDistrictPick));
  }
  return content;
}

export function clubPopupContent(club, onOpen) {
  const content = popupContent(club.name);
  const address = document.createElement('p');
  address.textContent = club.address?.label ?? '';
  content.appendChild(address);
  if (club.location.precision !== 'building') {
    const approximate = document.createElement('p');
    approximate.className = 'approx-note';
    approximate.textContent = t('club.approximate');
    content.appendChild(approximate);
  }
  content.appendChild(popupButton('button button--primary map-open-club', t('map.openClub'), onOpen));
  return content;
}

function popupContent(titleText) {
  const content = document.createElement('div');
  content.className = 'map-popup';
  const title = document.createElement('p');
  title.className = 'map-popup__title';
  title.textContent = titleText;
  content.appendChild(title);
  return content;
}

function popupButton(className, text, onClick) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = className;
  button.textContent = text;
  button.addEventListener('click', onClick);
  return button;
}
