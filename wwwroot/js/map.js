// The Leaflet map: district boundaries with labels, one clustered marker per club, the search
// point, and "search here" on click. The map is supplementary: everything it offers is also
// reachable from the list and the search form. Uses the global L (leaflet.js is a classic script).

import { t } from './i18n.js';
import { createOperatorSymbol, createOriginSymbol } from './operatorSymbols.js';

export const DEFAULTS = {
  center: { lat: 50.0614, lon: 19.9366 },
  zoom: 11,
  minZoom: 9,
  maxZoom: 18,
  tileUrl: '',
  tileAttribution: '',
  fitPadding: 32,
  labelMinZoom: 11,
  onSearchHere() {},
  onDistrictPick() {},
  onClubSelect() {},
  onClubOpen() {}
};

const DISTRICT_STYLE = { color: '#3d4f63', weight: 1.5, opacity: 0.9, fillColor: '#9fb6cc', fillOpacity: 0.12 };
const DISTRICT_SELECTED_STYLE = { color: '#0b3d6e', weight: 3.5, opacity: 1, fillColor: '#5b8fc7', fillOpacity: 0.2 };

export function createMap(element, options) {
  const settings = { ...DEFAULTS, ...options };
  const map = L.map(element, {
    center: [settings.center.lat, settings.center.lon],
    zoom: settings.zoom,
    minZoom: settings.minZoom,
    maxZoom: settings.maxZoom,
    zoomControl: false,
    attributionControl: false
  });

  // District labels sit above the shapes but below the markers, so they never hide a club.
  map.createPane('districtLabels').style.zIndex = '550';

  let zoomControl = null;
  const attribution = createAttributionControl(settings.tileAttribution).addTo(map);
  if (settings.tileUrl) {
    // Tiles are decoration: without them (offline, blocked host) shapes and markers still draw.
    L.tileLayer(settings.tileUrl, { maxZoom: settings.maxZoom, crossOrigin: false }).addTo(map);
  }

  const districtLayer = L.geoJSON(null, {
    style: () => DISTRICT_STYLE,
    bubblingMouseEvents: false,
    onEachFeature: bindDistrict
  }).addTo(map);

  const clusters = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 40,
    spiderfyOnMaxZoom: true,
    iconCreateFunction: createClusterIcon
  }).addTo(map);

  const markers = new Map();
  let originMarker = null;
  let selectedDistrict = null;
  let highlighted = null;
  let pendingView = null;
  let lastView = null;

  addZoomControl();
  map.on('click', onMapClick);
  map.on('zoomend', onZoomEnd);
  map.on('popupopen', onPopupOpen);
  onZoomEnd();

  function addZoomControl() {
    if (zoomControl) {
      zoomControl.remove();
    }
    zoomControl = L.control.zoom({
      position: 'topright',
      zoomInTitle: t('map.zoomIn'),
      zoomOutTitle: t('map.zoomOut')
    }).addTo(map);
  }

  function bindDistrict(feature, layer) {
    const label = document.createElement('span');
    label.textContent = feature.properties.name;
    layer.bindTooltip(label, {
      permanent: true,
      direction: 'center',
      className: 'district-label',
      pane: 'districtLabels',
      interactive: false
    });
    layer.on('click', onDistrictClick);
  }

  function onZoomEnd() {
    element.classList.toggle('map--labels-hidden', map.getZoom() < settings.labelMinZoom);
  }

  function onDistrictClick(event) {
    openSearchPopup(event.latlng, event.target.feature.properties);
  }

  function onMapClick(event) {
    openSearchPopup(event.latlng, null);
  }

  // A click could mean "nearest from here" or "this district": ask, rather than guess.
  function openSearchPopup(latlng, district) {
    const content = document.createElement('div');
    content.className = 'map-popup';
    const title = document.createElement('p');
    title.className = 'map-popup__title';
    title.textContent = district ? t('map.pointInDistrict', { district: district.name }) : t('map.point');
    content.appendChild(title);

    const here = document.createElement('button');
    here.type = 'button';
    here.className = 'button button--primary map-search-here';
    here.textContent = t('map.searchHere');
    here.addEventListener('click', function onSearchHereClick() {
      map.closePopup();
      settings.onSearchHere(latlng.lat, latlng.lng);
    });
    content.appendChild(here);

    if (district) {
      const inDistrict = document.createElement('button');
      inDistrict.type = 'button';
      inDistrict.className = 'button map-search-district';
      inDistrict.textContent = t('map.searchDistrict', { district: district.name });
      inDistrict.addEventListener('click', function onDistrictSearchClick() {
        map.closePopup();
        settings.onDistrictPick(district.number);
      });
      content.appendChild(inDistrict);
    }

    L.popup({ maxWidth: 260, className: 'search-popup' }).setLatLng(latlng).setContent(content).openOn(map);
  }

  function onPopupOpen(event) {
    const container = event.popup.getElement();
    const close = container && container.querySelector('.leaflet-popup-close-button');
    if (close) {
      close.setAttribute('aria-label', t('map.closePopup'));
      close.setAttribute('title', t('map.closePopup'));
    }
    if (event.popup.options.focusOnOpen) {
      const first = container && container.querySelector('button, a[href]:not(.leaflet-popup-close-button)');
      if (first) {
        first.focus();
      }
    }
  }

  function setDistricts(geojson) {
    districtLayer.clearLayers();
    districtLayer.addData(geojson);
    if (selectedDistrict !== null) {
      setSelectedDistrict(selectedDistrict);
    }
    if (!lastView) {
      fitBounds(districtLayer.getBounds());
    }
  }

  function findDistrictLayer(number) {
    let found = null;
    districtLayer.eachLayer(function matchDistrict(layer) {
      if (String(layer.feature.properties.number) === String(number)
        || String(layer.feature.properties.roman).toUpperCase() === String(number).toUpperCase()) {
        found = layer;
      }
    });
    return found;
  }

  function setSelectedDistrict(number) {
    selectedDistrict = number;
    districtLayer.eachLayer(function resetDistrict(layer) {
      layer.setStyle(DISTRICT_STYLE);
    });
    const layer = number === null ? null : findDistrictLayer(number);
    if (layer) {
      layer.setStyle(DISTRICT_SELECTED_STYLE);
      layer.bringToFront();
    }
    return layer;
  }

  function createClubIcon(club) {
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

  function createClusterIcon(cluster) {
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

  function onMarkerAdd(event) {
    const marker = event.target;
    const icon = marker.getElement();
    if (icon) {
      icon.dataset.slug = marker.club.slug;
      icon.setAttribute('aria-label', marker.club.name);
      if (highlighted === marker.club.slug) {
        icon.classList.add('is-highlighted');
      }
    }
  }

  function onMarkerClick(event) {
    settings.onClubSelect(event.target.club.slug);
    openClubPopup(event.target, false);
  }

  // Leaflet turns Enter on a focused marker into "keypress", not "click"; markers are
  // role=button, so Enter and Space both open the popup and move focus into it.
  function onMarkerKeyPress(event) {
    const key = event.originalEvent.key;
    if (key !== 'Enter' && key !== ' ') {
      return;
    }
    L.DomEvent.preventDefault(event.originalEvent);
    settings.onClubSelect(event.target.club.slug);
    openClubPopup(event.target, true);
  }

  function openClubPopup(marker, focusOnOpen) {
    const club = marker.club;
    const content = document.createElement('div');
    content.className = 'map-popup';
    const name = document.createElement('p');
    name.className = 'map-popup__title';
    name.textContent = club.name;
    const address = document.createElement('p');
    address.textContent = club.address?.label ?? '';
    content.append(name, address);
    if (club.location.precision !== 'building') {
      const approximate = document.createElement('p');
      approximate.className = 'approx-note';
      approximate.textContent = t('club.approximate');
      content.appendChild(approximate);
    }
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'button button--primary map-open-club';
    open.textContent = t('map.openClub');
    open.addEventListener('click', function onOpenClubClick() {
      map.closePopup();
      settings.onClubOpen(club.slug);
    });
    content.appendChild(open);
    L.popup({ maxWidth: 260, focusOnOpen, offset: L.point(0, -10) })
      .setLatLng(marker.getLatLng())
      .setContent(content)
      .openOn(map);
  }

  function showClubs(clubs, { origin = null, district = null, fit = true } = {}) {
    map.closePopup();
    clusters.clearLayers();
    markers.clear();
    highlighted = null;

    const layers = [];
    for (const club of clubs) {
      if (!club.location || !Number.isFinite(club.location.lat) || !Number.isFinite(club.location.lon)) {
        continue;
      }
      const marker = L.marker([club.location.lat, club.location.lon], {
        icon: createClubIcon(club),
        title: club.name,
        keyboard: true,
        riseOnHover: true
      });
      marker.club = club;
      marker.on('add', onMarkerAdd);
      marker.on('click', onMarkerClick);
      marker.on('keypress', onMarkerKeyPress);
      markers.set(club.slug, marker);
      layers.push(marker);
    }
    clusters.addLayers(layers);

    if (originMarker) {
      originMarker.remove();
      originMarker = null;
    }
    if (origin) {
      originMarker = L.marker([origin.lat, origin.lon], {
        icon: L.divIcon({ html: createOriginSymbol(), className: 'origin-marker', iconSize: [26, 26], iconAnchor: [13, 13] }),
        keyboard: false,
        interactive: false,
        zIndexOffset: 1000
      }).addTo(map);
    }

    const districtShape = setSelectedDistrict(district);
    if (!fit) {
      return;
    }
    if (origin) {
      // The search point and the few nearest clubs: what a parent would walk to.
      const bounds = L.latLngBounds([[origin.lat, origin.lon]]);
      for (const layer of layers.slice(0, 5)) {
        bounds.extend(layer.getLatLng());
      }
      fitBounds(bounds);
    } else if (districtShape) {
      fitBounds(districtShape.getBounds());
    } else if (layers.length > 0) {
      fitBounds(L.featureGroup(layers).getBounds());
    } else if (districtLayer.getLayers().length > 0) {
      fitBounds(districtLayer.getBounds());
    }
  }

  function isVisible() {
    return element.clientWidth > 0 && element.clientHeight > 0;
  }

  // A hidden map (phone list view) has no size; remember the view and apply it when shown.
  function fitBounds(bounds) {
    if (!bounds || !bounds.isValid()) {
      return;
    }
    lastView = bounds;
    if (!isVisible()) {
      pendingView = bounds;
      return;
    }
    pendingView = null;
    map.fitBounds(bounds, { padding: [settings.fitPadding, settings.fitPadding], maxZoom: 16 });
  }

  function refresh() {
    if (!isVisible()) {
      return;
    }
    map.invalidateSize();
    if (pendingView) {
      const view = pendingView;
      pendingView = null;
      fitBounds(view);
    }
  }

  function highlightClub(slug) {
    for (const icon of element.querySelectorAll('.is-highlighted')) {
      icon.classList.remove('is-highlighted');
    }
    highlighted = slug;
    const marker = slug ? markers.get(slug) : null;
    if (!marker) {
      return;
    }
    const visible = clusters.getVisibleParent(marker);
    const icon = visible && visible.getElement();
    if (icon) {
      icon.classList.add('is-highlighted');
    }
  }

  // Bring a club into view (opening its details). Not markercluster's zoomToShowLayer: its
  // moveend callback throws when the markers are replaced while the map is still moving.
  function revealClub(slug) {
    const marker = markers.get(slug);
    if (!marker) {
      return false;
    }
    highlighted = slug;
    const latlng = marker.getLatLng();
    if (!isVisible()) {
      pendingView = L.latLngBounds([latlng]);
      return true;
    }
    if (clusters.getVisibleParent(marker) === marker && map.getBounds().contains(latlng)) {
      highlightClub(slug);
      return true;
    }
    map.once('moveend', function onRevealed() {
      if (markers.get(slug) === marker) {
        highlightClub(slug);
      }
    });
    map.setView(latlng, Math.max(map.getZoom(), 15));
    return true;
  }

  function getCenter() {
    const center = map.getCenter();
    return { lat: center.lat, lon: center.lng };
  }

  function updateTexts() {
    map.closePopup();
    addZoomControl();
    attribution.updateTexts();
    clusters.refreshClusters();
  }

  return { setDistricts, showClubs, highlightClub, revealClub, refresh, getCenter, updateTexts, leaflet: map };
}

// The attribution comes from /api/config and usually holds a link ("&copy; <a href=..>OSM</a>").
// Leaflet would put it in innerHTML; instead keep only text and http(s) links, without ever
// handing the string to an HTML parser.
function createAttributionControl(attributionHtml) {
  const AttributionControl = L.Control.extend({
    options: { position: 'bottomright' },
    onAdd() {
      this._container = L.DomUtil.create('div', 'leaflet-control-attribution leaflet-control map-attribution');
      L.DomEvent.disableClickPropagation(this._container);
      this.updateTexts();
      return this._container;
    },
    updateTexts() {
      const container = this._container;
      if (!container) {
        return;
      }
      container.replaceChildren();
      container.appendChild(safeLink('https://leafletjs.com', 'Leaflet'));
      const parts = parseAttribution(attributionHtml);
      if (parts.length > 0) {
        const separator = document.createElement('span');
        separator.setAttribute('aria-hidden', 'true');
        separator.textContent = ' | ';
        container.appendChild(separator);
        container.append(...parts);
      }
    }
  });
  return new AttributionControl();
}

const LINK_PATTERN = /<a\s[^>]*?href\s*=\s*(["'])(.*?)\1[^>]*>(.*?)<\/a\s*>/gis;
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '\u00a9' };

function plainText(fragment) {
  return fragment
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, function decodeEntity(match, name) {
      if (name[0] === '#') {
        const code = name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
      }
      return ENTITIES[name.toLowerCase()] ?? match;
    });
}

function parseAttribution(html) {
  if (!html) {
    return [];
  }
  const text = String(html);
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(LINK_PATTERN)) {
    parts.push(document.createTextNode(plainText(text.slice(last, match.index))));
    parts.push(safeLink(plainText(match[2]), plainText(match[3])));
    last = match.index + match[0].length;
  }
  parts.push(document.createTextNode(plainText(text.slice(last))));
  return parts.filter((part) => part.textContent !== '');
}

function safeLink(href, text) {
  let url = null;
  try {
    url = new URL(href, window.location.origin);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return document.createTextNode(text);
  }
  const link = document.createElement('a');
  link.href = url.href;
  link.rel = 'noopener';
  link.target = '_blank';
  link.textContent = text;
  return link;
}
