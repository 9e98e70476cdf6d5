// The club's point on a Leaflet map: district outlines (the map works without tiles), a
// draggable marker that can also be moved with the arrow keys, and a click on the map to place
// a club that has no point yet. Reports every move through onMove({ lat, lon }).

import { t } from './i18n.js';

export const DEFAULTS = {
  center: { lat: 50.0614, lon: 19.9366 },
  zoom: 12,
  pointZoom: 17,
  tileUrl: '',
  tileAttribution: '',
  districts: null,
  keyboardStepPixels: 4,
  onMove() {}
};

export function createLocationPicker(element, options) {
  const settings = { ...DEFAULTS, ...options };
  const L = window.L;
  const map = L.map(element, {
    center: [settings.center.lat, settings.center.lon],
    zoom: settings.zoom,
    keyboard: true,
    scrollWheelZoom: false
  });
  if (settings.tileUrl) {
    L.tileLayer(settings.tileUrl, { attribution: settings.tileAttribution, maxZoom: 19 }).addTo(map);
  }
  if (settings.districts) {
    L.geoJSON(settings.districts, {
      interactive: false,
      style: { color: '#0b5394', weight: 1.5, opacity: 0.8, fillColor: '#0b5394', fillOpacity: 0.04 }
    }).addTo(map);
  }
  let marker = null;
  map.on('click', onMapClick);

  function place({ lat, lon }, { zoom = false } = {}) {
    const latLng = L.latLng(lat, lon);
    if (!marker) {
      marker = L.marker(latLng, {
        draggable: true,
        keyboard: true,
        autoPan: true,
        title: t('location.markerTitle'),
        alt: t('location.markerTitle')
      }).addTo(map);
      marker.on('dragend', onDragEnd);
      marker.getElement()?.addEventListener('keydown', onMarkerKeyDown);
      marker.getElement()?.setAttribute('data-testid', 'club-marker');
    } else {
      marker.setLatLng(latLng);
    }
    if (zoom) {
      map.setView(latLng, settings.pointZoom);
    }
  }

  function report() {
    const { lat, lng } = marker.getLatLng();
    settings.onMove({ lat: round(lat), lon: round(lng) });
  }

  function onDragEnd() {
    report();
  }

  function onMapClick(event) {
    // Only a club without a point is placed by a click; a placed marker moves by dragging or
    // with the arrow keys, so a stray click cannot move the entrance.
    if (marker) {
      return;
    }
    place({ lat: event.latlng.lat, lon: event.latlng.lng });
    report();
    marker.getElement()?.focus();
  }

  function onMarkerKeyDown(event) {
    const moves = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
    const move = moves[event.key];
    if (!move) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    const step = event.shiftKey ? 1 : settings.keyboardStepPixels;
    const point = map.latLngToContainerPoint(marker.getLatLng()).add(L.point(move[0] * step, move[1] * step));
    marker.setLatLng(map.containerPointToLatLng(point));
    report();
  }

  return {
    moveTo(location, { zoom = true } = {}) {
      place(location, { zoom });
    },
    destroy: () => map.remove()
  };
}

// Six decimals is about 10 cm: plenty for an entrance, and stable in diffs and history.
function round(value) {
  return Math.round(value * 1e6) / 1e6;
}
