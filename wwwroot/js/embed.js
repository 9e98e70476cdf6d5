// The finder inside another site's page (/embed, inserted by /widget.js): the main page's parts
// (search form, results list, details, map) wired for a frame. Unlike main.js it keeps no browser
// history (Back belongs to the host page), stores nothing unless the host opted in with
// remember=1, opens the full site in a new tab, and tells the host how tall it is.

import { createApi, isAborted } from './api.js';
import { t, setLanguage, preferredLanguage, currentLanguage, translateDocument } from './i18n.js';
import { createSearch, searchKey, searchToQueryString } from './router.js';
import { createMap } from './map.js';
import { hasFilters, filterParams, errorMessage } from './searchShared.js';
import { createClubList } from './clubList.js';
import { createClubDetails } from './clubDetails.js';
import { createSearchForm } from './searchForm.js';
import { createStatus } from './status.js';
import { createLegend } from './legend.js';
import { readEmbedParams, detectHostOrigin, createHostLink } from './embedHost.js';

const FALLBACK_CONFIG = {
  tileUrl: '',
  tileAttribution: '',
  center: { lat: 50.0614, lon: 19.9366 },
  zoom: 11
};
const NEAREST_LIMIT = 50;

const page = {
  form: document.getElementById('search-form'),
  status: document.getElementById('result-count'),
  retry: document.getElementById('retry-button'),
  results: document.getElementById('results-section'),
  resultsHeading: document.getElementById('results-heading'),
  details: document.getElementById('club-details'),
  map: document.getElementById('map'),
  mapCentre: document.getElementById('search-map-centre'),
  legend: document.getElementById('legend-list'),
  toggle: document.getElementById('view-toggle'),
  language: document.getElementById('lang-select'),
  fullSite: document.getElementById('full-site-link'),
  clubFullSite: document.getElementById('club-full-site-link')
};

const params = readEmbedParams(window.location.search);
const api = createApi({ language: currentLanguage });
const byName = new Intl.Collator('pl', { sensitivity: 'base', numeric: true });
let host = null;
let status;
let list;
let details;
let form;
let legend;
let map = null;
let current = createSearch();
let shown = { key: null, search: null, result: null };
let shownClub = null;
let searchToken = 0;
let clubToken = 0;

start().catch(showStartFailure);

async function start() {
  host = createHostLink({ id: params.id, hostOrigin: detectHostOrigin() });
  const configLoaded = loadConfig();
  try {
    // The host's lang wins; a remembered choice counts only where the host allowed storage.
    await setLanguage(params.lang || (params.remember ? preferredLanguage() : 'pl'));
  } catch {
    await setLanguage('pl');
  }
  translateDocument();
  page.language.value = currentLanguage();

  status = createStatus(page.status, { retryButton: page.retry, onRetryFocusLost: focusResultsHeading });
  list = createClubList(page.results, { onOpen: openClub, onHighlight: highlightOnMap });
  details = createClubDetails(page.details, {
    onBack: backToResults,
    onShowOnMap: showClubOnMap,
    calendarUrl: api.calendarUrl
  });
  form = createSearchForm(page.form, { api, status, onSearch: search });
  legend = createLegend(page.legend);

  page.language.addEventListener('change', onLanguageChange);
  page.toggle.addEventListener('click', onToggleView);
  page.toggle.hidden = params.view === 'both';
  page.mapCentre.addEventListener('click', onSearchMapCentre);
  page.details.addEventListener('keydown', onDetailsKeyDown);
  setView(params.view);

  const config = await configLoaded;
  createMapSafely(config);
  loadDistricts();
  await search(initialSearch(params));
}

function initialSearch({ district, q, operatorType }) {
  const filters = { operatorType };
  if (district) {
    return createSearch({ kind: 'district', district, filters });
  }
  if (q) {
    return createSearch({ kind: 'text', q, filters });
  }
  return createSearch({ filters });
}

async function loadConfig() {
  try {
    return { ...FALLBACK_CONFIG, ...(await api.getConfig()) };
  } catch {
    return FALLBACK_CONFIG;
  }
}

function createMapSafely(config) {
  if (typeof window.L === 'undefined' || typeof window.L.markerClusterGroup !== 'function') {
    page.map.closest('.map-section').classList.add('map-section--unavailable');
    page.map.textContent = t('map.unavailable');
    page.mapCentre.hidden = true;
    return;
  }
  map = createMap(page.map, {
    center: config.center,
    zoom: config.zoom,
    tileUrl: config.tileUrl,
    tileAttribution: config.tileAttribution,
    onSearchHere: searchAtPoint,
    onDistrictPick: searchDistrict,
    onClubSelect: selectClubFromMap,
    onClubOpen: openClub
  });
  // The wheel scrolls the host page, not the map inside it (the buttons and pinch still zoom).
  map.leaflet?.scrollWheelZoom.disable();
}

async function loadDistricts() {
  const [districts, shapes] = await Promise.allSettled([api.getDistricts(), api.getDistrictShapes()]);
  if (districts.status === 'fulfilled' && Array.isArray(districts.value)) {
    form.setDistricts(districts.value);
    if (shown.result) {
      page.resultsHeading.textContent = resultsTitle(shown.search, shown.result);
    }
  } else {
    form.setDistrictsFailed();
  }
  if (shapes.status === 'fulfilled' && map) {
    map.setDistricts(shapes.value);
    if (shown.result && shown.search.kind === 'district') {
      map.showClubs(shown.result.items, { district: shown.search.district });
    }
  }
}

// ---- results -------------------------------------------------------------------------------

async function search(newSearch) {
  current = newSearch;
  form.setState(newSearch);
  clubToken += 1;
  api.cancel('club');
  details.close();
  page.results.hidden = false;
  updateFullSiteLinks();
  await runSearch(newSearch);
}

async function runSearch(searchToRun) {
  const token = ++searchToken;
  api.cancel('search-filters');
  status.busy(t('status.searching'));
  page.results.setAttribute('aria-busy', 'true');
  try {
    const result = await fetchResults(searchToRun);
    if (token !== searchToken) {
      return;
    }
    shown = { key: searchKey(searchToRun), search: searchToRun, result };
    renderResults();
    map?.showClubs(result.items, mapOptions(searchToRun));
    status.info(countText());
  } catch (error) {
    if (isAborted(error) || token !== searchToken) {
      return;
    }
    shown = { key: null, search: searchToRun, result: null };
    list.render([], { title: t('results.errorTitle') });
    map?.showClubs([], { fit: false });
    status.error(errorMessage(error, searchToRun.kind === 'district' ? 'district' : 'search'), function retrySearch() {
      runSearch(searchToRun);
    });
  } finally {
    if (token === searchToken) {
      page.results.removeAttribute('aria-busy');
    }
  }
}



async function fetchResults(searchToRun) {
  const filters = filterParams(searchToRun.filters);
  if (searchToRun.kind === 'point') {
    // /nearest applies the same filters as /clubs: one request, nearest first.
    const nearest = await api.getNearest({ lat: searchToRun.lat, lon: searchToRun.lon, ...filters, limit: NEAREST_LIMIT }, 'search');
    const items = Array.isArray(nearest.items) ? nearest.items : [];
    return { items, origin: { district: nearest.origin?.district ?? null } };
  }
  const query = { ...filters };
  if (searchToRun.kind === 'district') {
    query.district = searchToRun.district;
  } else if (searchToRun.kind === 'text') {
    query.q = searchToRun.q;
  }
  const response = await api.getClubs(query, 'search');
  const items = (Array.isArray(response.items) ? response.items : []).slice().sort((a, b) => byName.compare(a.name, b.name));
  return { items, origin: null };
}

function mapOptions(searchToShow) {
  return {
    origin: searchToShow.kind === 'point' && Number.isFinite(searchToShow.lat) && Number.isFinite(searchToShow.lon)
      ? { lat: searchToShow.lat, lon: searchToShow.lon }
      : null,
    district: searchToShow.kind === 'district' ? searchToShow.district : null
  };
}

function resultsTitle(searchShown, result) {
  switch (searchShown.kind) {
    case 'district': {
      const district = form.districtByNumber(searchShown.district);
      const fromClub = result?.items.find((club) => club.district)?.district;
      const label = district
        ? t('results.districtName', { roman: district.roman, name: district.name })
        : fromClub ? fromClub.name : String(searchShown.district);
      return t('results.titleDistrict', { district: label });
    }
    case 'point':
      return t('results.titleNearest');
    case 'text':
      return t('results.titleText', { q: searchShown.q });
    default:
      return t('results.titleAll');
  }
}

function originText(searchShown, result) {
  if (searchShown.kind !== 'point') {
    return t('results.sortedByName');
  }
  const text = searchShown.origin === 'location' ? t('results.fromLocation')
    : searchShown.place ? t('results.fromPlace', { place: searchShown.place })
      : t('results.fromPoint');
  const district = result.origin?.district;
  return district ? `${text} ${t('results.originDistrict', { district: district.name })}` : text;
}

function renderResults() {
  const { search: searchShown, result } = shown;
  list.render(result.items, {
    title: resultsTitle(searchShown, result),
    origin: originText(searchShown, result),
    emptyText: t(hasFilters(searchShown.filters) ? 'results.emptyFiltered' : 'results.empty')
  });
}

function countText() {
  const { search: searchShown, result } = shown;
  if (!result) {
    return '';
  }
  const count = result.items.length;
  if (count === 0) {
    return t(hasFilters(searchShown.filters) ? 'results.emptyFiltered' : 'results.empty');
  }
  return t(searchShown.kind === 'point' ? 'status.foundNearest' : 'status.found', { count });
}

function focusResultsHeading() {
  page.resultsHeading.focus();
}

// The full finder opens on the same search (or club) in a new tab.
function updateFullSiteLinks() {
  page.fullSite.href = `/${searchToQueryString(current)}`;
  page.clubFullSite.href = shownClub ? `/clubs/${encodeURIComponent(shownClub.slug)}` : '/';
}

// ---- club details --------------------------------------------------------------------------

async function openClub(slug) {
  const token = ++clubToken;
  status.busy(t('status.loadingClub'));
  try {
    const club = shownClub && shownClub.slug === slug ? shownClub : await api.getClub(slug, 'club');
    if (token !== clubToken) {
      return;
    }
    shownClub = club;
    status.restore();
    page.results.hidden = true;
    details.show(club);
    list.select(club.slug, { scroll: false });
    updateFullSiteLinks();
    if (document.body.dataset.view === 'map') {
      setView('list');
    }
    details.focusHeading();
  } catch (error) {
    if (isAborted(error) || token !== clubToken) {
      return;
    }
    const message = errorMessage(error, 'club');
    page.results.hidden = true;
    details.showError(slug, message, function retryClub() {
      openClub(slug);
    });
    status.error(message);
    details.focusHeading();
  }
}

function backToResults() {
  const slug = details.currentSlug();
  clubToken += 1;
  api.cancel('club');
  details.close();
  page.results.hidden = false;
  list.select(null);
  map?.highlightClub(null);
  status.restore();
  if (!slug || !list.focus(slug)) {
    focusResultsHeading();
  }
}

function onDetailsKeyDown(event) {
  if (event.key === 'Escape' && !event.defaultPrevented) {
    backToResults();
  }
}

function showClubOnMap(slug) {
  if (!map) {
    return;
  }
  if (document.body.dataset.view === 'list') {
    setView('map');
  }
  page.map.focus();
  map.revealClub(slug);
}

// ---- map -----------------------------------------------------------------------------------

function highlightOnMap(slug) {
  map?.highlightClub(slug);
}

function selectClubFromMap(slug) {
  list.select(slug);
  map?.highlightClub(slug);
}

function searchFrom(fields) {
  return createSearch({ ...fields, filters: form.readFilters() });
}

function searchAtPoint(lat, lon) {
  search(searchFrom({ kind: 'point', lat, lon, origin: 'map' }));
}

function searchDistrict(number) {
  search(searchFrom({ kind: 'district', district: String(number) }));
}

function onSearchMapCentre() {
  if (map) {
    const centre = map.getCenter();
    searchAtPoint(centre.lat, centre.lon);
  }
}

// ---- layout and language -------------------------------------------------------------------

// list: the list, with a button for the map; map: the other way round; both: side by side.
function setView(view) {
  document.body.dataset.view = view;
  page.toggle.setAttribute('aria-pressed', String(view === 'map'));
  if (view !== 'list') {
    map?.refresh();
  }
}

function onToggleView() {
  setView(document.body.dataset.view === 'map' ? 'list' : 'map');
}

async function onLanguageChange() {
  try {
    await setLanguage(page.language.value, { remember: params.remember });
  } catch {
    page.language.value = currentLanguage();
    return;
  }
  translateDocument();
  form.updateTexts();
  legend.render();
  map?.updateTexts();
  if (!map) {
    page.map.textContent = t('map.unavailable');
  }
  if (shown.result) {
    renderResults();
    status.info(countText());
  }
  if (details.isOpen() && shownClub && details.currentSlug() === shownClub.slug) {
    details.show(shownClub);
  }
}

// ---- errors --------------------------------------------------------------------------------

function showStartFailure(error) {
  console.error(error);
  page.status.textContent = 'Nie udało się uruchomić wyszukiwarki. / The finder could not start.';
  page.status.dataset.kind = 'error';
  host?.reportHeight();
}
