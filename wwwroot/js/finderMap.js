// The finder's map and the list/map switch: the map is optional (Leaflet may fail to load), so
// every call here is safe without it. On narrow screens list and map take turns.

import { t } from './i18n.js';
import { createMap } from './map.js';

// Leaflet, its styles and markercluster are fetched once, when the finder asks for the map (after its
// first answer is on screen: the list is what is read first). It resolves either way; without L the
// map says it is unavailable.
let leaflet = null;
export function loadLeaflet() {
  leaflet ??= Promise.all([
    addStyle('../lib/leaflet/leaflet.css'),
    addStyle('../lib/leaflet.markercluster/MarkerCluster.css'),
    addStyle('../lib/leaflet.markercluster/MarkerCluster.Default.css'),
    addScript('../lib/leaflet/leaflet.js').then(() => addScript('../lib/leaflet.markercluster/leaflet.markercluster.js'))
  ]).catch(() => {});
  return leaflet;
}

// Relative to this module, so the versioned /static/{version}/ prefix carries over.
function addScript(path) {
  return new Promise(function load(resolve, reject) {
    const script = document.createElement('script');
    script.src = new URL(path, import.meta.url).href;
    script.addEventListener('load', resolve);
    script.addEventListener('error', reject);
    document.head.appendChild(script);
  });
}

function addStyle(path) {
  return new Promise(function load(resolve, reject) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL(path, import.meta.url).href;
    link.addEventListener('load', resolve);
    link.addEventListener('error', reject);
    // Before the page's own styles, which adjust Leaflet's (44 px controls) and so must come later.
    document.head.insertBefore(link, document.head.querySelector('link[rel="stylesheet"]'));
  });
}

// Until the configuration has arrived there is no map; calls to it do nothing.
export const NO_MAP = { showClub() {}, pickPlace() {}, updateTexts() {}, showClubs() {}, setDistricts() {}, highlight() {}, reveal() {}, refresh() {} };

export function createFinderMap(page, { config, narrow, setView, status, wheelZoom, onSearchHere, onDistrictPick, onClubSelect, onClubOpen }) {
  let map = null;
  if (typeof window.L === 'undefined' || typeof window.L.markerClusterGroup !== 'function') {
    page.map.closest('.map-section').classList.add('map-section--unavailable');
    page.map.textContent = t('map.unavailable');
    page.mapCentre.hidden = true;
  } else {
    map = createMap(page.map, { ...config, onSearchHere, onDistrictPick, onClubSelect, onClubOpen });
    if (!wheelZoom) {
      // Inside another site the wheel scrolls the host page (the buttons and pinch still zoom).
      map.leaflet.scrollWheelZoom.disable();
    }
  }

  page.mapCentre.addEventListener('click', function onSearchMapCentre() {
    if (map) {
      const centre = map.getCenter();
      onSearchHere(centre.lat, centre.lon);
    }
  });

  function showClub(slug) {
    if (!map) {
      return;
    }
    if (narrow()) {
      setView('map');
      page.map.focus();
    }
    map.revealClub(slug);
  }

  // "Pick the place on the map": on a phone the map takes the screen; a tap there searches.
  function pickPlace() {
    if (!map) {
      status.info(t('map.unavailable'));
      return;
    }
    if (narrow()) {
      setView('map');
    }
    page.map.focus();
    status.info(t('placeAnswer.tapMap'));
  }

  function updateTexts() {
    if (map) {
      map.updateTexts();
    } else {
      page.map.textContent = t('map.unavailable');
    }
  }

  return {
    showClub,
    pickPlace,
    updateTexts,
    showClubs: (clubs, options) => map?.showClubs(clubs, options),
    setDistricts: (shapes) => map?.setDistricts(shapes),
    highlight: (slug) => map?.highlightClub(slug),
    reveal: (slug) => map?.revealClub(slug),
    refresh: () => map?.refresh()
  };
}
