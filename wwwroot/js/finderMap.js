// The finder's map and the list/map switch: the map is optional (Leaflet may fail to load), so
// every call here is safe without it. On narrow screens list and map take turns.

import { t } from './i18n.js';
import { createMap } from './map.js';

// Leaflet, its styles and markercluster are fetched once, when the map is wanted. It resolves either
// way; without L the map says it is unavailable.
let leaflet = null;
function loadLeaflet() {
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

const MAP_LATER_MS = 3000;

// The finder's map, made when it is wanted: until then every call does nothing, and once made it
// gets the districts' shapes and asks its owner for what is on screen (onCreated). load() makes it
// now; loadWhenWanted() once the list has been painted and the map is on screen (a phone's map is
// behind its button, a widget's may be below its list), or a few seconds later. Leaflet's work
// before the first paint delayed a phone's first sight of the list by more than a second.
export function createDeferredMap(page, { getConfig, getShapes, onCreated, onShapes, ...options }) {
  let map = NO_MAP;
  let shapes = null;
  let requested = null;

  function load() {
    if (!requested) {
      requested = Promise.all([getConfig(), loadLeaflet()]).then(function create([config]) {
        map = createFinderMap(page, { ...options, config });
        if (shapes) {
          map.setDistricts(shapes);
        }
        onCreated();
      });
      getShapes().then(function withShapes(value) {
        shapes = value;
        map.setDistricts(value);
        onShapes();
      }, () => {}); // the map works without the districts' outlines
    }
    return requested;
  }

  let waiting = false;
  function loadWhenWanted() {
    if (requested || waiting) {
      return;
    }
    waiting = true;
    afterFirstPaint(function whenPainted() {
      const seen = new IntersectionObserver(function onMapSeen(entries) {
        if (entries.some((entry) => entry.isIntersecting)) {
          seen.disconnect();
          load();
        }
      });
      seen.observe(page.map);
    });
    setTimeout(load, MAP_LATER_MS);
  }

  const calls = Object.fromEntries(Object.keys(NO_MAP).map((name) => [name, (...args) => map[name](...args)]));
  return { ...calls, load, loadWhenWanted };
}

// Calls back once the page has painted content (Paint Timing), or at once where that is unknown.
function afterFirstPaint(callback) {
  if (performance.getEntriesByName('first-contentful-paint').length > 0 || typeof PerformanceObserver === 'undefined'
      || !PerformanceObserver.supportedEntryTypes?.includes('paint')) {
    callback();
    return;
  }
  const painted = new PerformanceObserver(function onPaint(list) {
    if (list.getEntriesByName('first-contentful-paint').length > 0) {
      painted.disconnect();
      callback();
    }
  });
  painted.observe({ type: 'paint' });
}

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
