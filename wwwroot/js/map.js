// The Leaflet map: district boundaries with labels, one clustered marker per club, the search
// point, and "search here" on click. The map is supplementary: everything it offers is also
// reachable from the list and the search form. Uses the global L (leaflet.js is a classic script).

import { t } from './i18n.js';
import { createDistrictLayer } from './mapDistricts.js';
import { createAttributionControl } from './mapAttribution.js';
import { createClubIcon, createClusterIcon, createOriginIcon, searchPopupContent, clubPopupContent } from './mapMarkers.js';

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

  let zoomControl = null;
  const attribution = createAttributionControl(settings.tileAttribution).addTo(map);
  if (settings.tileUrl) {
    // Tiles are decoration: without them (offline, blocked host) shapes and markers still draw.
    L.tileLayer(settings.tileUrl, { maxZoom: settings.maxZoom, crossOrigin: false }).addTo(map);
  }

  const districts = createDistrictLayer(map, { onClick: openSearchPopup });
  const clusters = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 40,
    spiderfyOnMaxZoom: true,
    iconCreateFunction: createClusterIcon
  }).addTo(map);

  const markers = new Map();
  let originMarker = null;
  let highlighted = null;
  let pendingView = null;
  let lastView = null;

  addZoomControl();
  map.on('click', function onMapClick(event) {
    openSearchPopup(event.latlng, null);
  });
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

  function onZoomEnd() {
    element.classList.toggle('map--labels-hidden', map.getZoom() < settings.labelMinZoom);
  }

  function openSearchPopup(latlng, district) {
    const content = searchPopupContent(district, {
      onSearchHere() {
        map.closePopup();
        settings.onSearchHere(latlng.lat, latlng.lng);
      },
      onDistrictPick() {
        map.closePopup();
        settings.onDistrictPick(district.number);
      }
    });
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
    districts.setData(geojson);
    if (!lastView) {
      // The city at once, not animated: the first answer's view arriving during that animation was undone when it
      // ended (a district at 1280×800 stayed zoomed out to the whole city).
      fitBounds(districts.bounds(), false);
    }
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
    const content = clubPopupContent(marker.club, function onOpenClubClick() {
      map.closePopup();
      settings.onClubOpen(marker.club.slug);
    });
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
        icon: createOriginIcon(),
        keyboard: false,
        interactive: false,
        zIndexOffset: 1000
      }).addTo(map);
    }

    const districtShape = districts.select(district);
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
    } else if (!districts.isEmpty()) {
      fitBounds(districts.bounds());
    }
  }

  function isVisible() {
    return element.clientWidth > 0 && element.clientHeight > 0;
  }

  // A hidden map (phone list view) has no size; remember the view and apply it when shown.
  function fitBounds(bounds, animate = true) {
    if (!bounds || !bounds.isValid()) {
      return;
    }
    lastView = bounds;
    if (!isVisible()) {
      pendingView = bounds;
      return;
    }
    pendingView = null;
    map.fitBounds(bounds, { padding: [settings.fitPadding, settings.fitPadding], maxZoom: 16, animate });
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
