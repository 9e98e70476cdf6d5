// The front end's Program.cs: loads the language and the configuration, creates the parts
// (search form, results list, details panel, map) and runs searches as the URL changes.

import { createApi, isAborted } from './api.js';
import { t, setLanguage, preferredLanguage, currentLanguage, translateDocument } from './i18n.js';
import { createRouter, searchKey } from './router.js';
import { createMap } from './map.js';
import { hasFilters, filterParams, errorMessage } from './searchShared.js';
import { createClubList } from './clubList.js';
import { createClubDetails } from './clubDetails.js';
import { createSearchForm } from './searchForm.js';
import { createStatus } from './status.js';
import { createLegend } from './legend.js';
import { createStartingSoon } from './startingSoon.js';

const FALLBACK_CONFIG = {
  tileUrl: '',
  tileAttribution: '',
  center: { lat: 50.0614, lon: 19.9366 },
  zoom: 11,
  reportedClubCount: null
};
const NEAREST_LIMIT = 50;
// When a search finds no club, this many nearest clubs are shown anyway, with their distance.
const FALLBACK_LIMIT = 3;
const WIDE_SCREEN = window.matchMedia('(min-width: 900px)');

const page = {
  form: document.getElementById('search-form'),
  status: document.getElementById('result-count'),
  retry: document.getElementById('retry-button'),
  results: document.getElementById('results-section'),
  resultsHeading: document.getElementById('results-heading'),
  coverage: document.getElementById('coverage'),
  details: document.getElementById('club-details'),
  map: document.getElementById('map'),
  mapCentre: document.getElementById('search-map-centre'),
  legend: document.getElementById('legend-list'),
  toggle: document.getElementById('view-toggle'),
  language: document.getElementById('lang-select')
};

const api = createApi({ language: currentLanguage });
let config = FALLBACK_CONFIG;
let status;
let list;
let details;
let form;
let legend;
let soon;
let map = null;
let router;
let route = null;
let listedTotal = null;
let shown = { key: null, search: null, result: null };
let shownClub = null;
let searchToken = 0;
let clubToken = 0;

start().catch(showStartFailure);

async function start() {
  const configLoaded = loadConfig();
  try {
    await setLanguage(preferredLanguage());
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
    calendarUrl: api.calendarUrl,
    getOccurrences: (slug) => api.getOccurrences(slug, 'occurrences')
  });
  form = createSearchForm(page.form, { api, status, onSearch: navigateToSearch, onPickOnMap: pickOnMap });
  soon = createStartingSoon(page.results, {
    api,
    status,
    currentSearch: () => route?.search ?? null,
    onRequest: (fields) => router.navigate({ view: 'soon', search: searchFrom(fields) }),
    onOpen: openClub,
    onBack: backToResults,
    errorMessage: (error) => errorMessage(error, 'search')
  });
  legend = createLegend(page.legend);

  page.language.addEventListener('change', onLanguageChange);
  page.toggle.addEventListener('click', onToggleView);
  page.mapCentre.addEventListener('click', onSearchMapCentre);
  page.details.addEventListener('keydown', onDetailsKeyDown);
  WIDE_SCREEN.addEventListener('change', onScreenChange);
  for (const link of document.querySelectorAll('a[href^="#"]')) {
    link.addEventListener('click', onInPageLinkClick);
  }

  config = await configLoaded;
  limitLanguages(config.languages);
  createMapSafely();
  loadDistricts();

  router = createRouter({ onChange: render });
  router.start();
}

async function loadConfig() {
  try {
    return { ...FALLBACK_CONFIG, ...(await api.getConfig()) };
  } catch {
    // Without /api/config the map has no tiles and no coverage figure; everything else works.
    return FALLBACK_CONFIG;
  }
}

// The server decides which languages it offers; the switcher shows only those it has.
function limitLanguages(languages) {
  if (!Array.isArray(languages) || languages.length === 0) {
    return;
  }
  for (const option of page.language.options) {
    option.hidden = !languages.includes(option.value) && option.value !== currentLanguage();
  }
}

function createMapSafely() {
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
}

async function loadDistricts() {
  const [districts, shapes] = await Promise.allSettled([api.getDistricts(), api.getDistrictShapes()]);
  if (districts.status === 'fulfilled' && Array.isArray(districts.value)) {
    form.setDistricts(districts.value);
    listedTotal = districts.value.reduce((sum, district) => sum + (district.clubCount ?? 0), 0);
    renderCoverage();
    if (shown.result && route && route.view === 'results') {
      // Only the title and the count gain the district's numeral; the list itself (and focus in it) stays.
      const { search, result } = shown;
      page.resultsHeading.textContent = result.items.length === 0 && result.fallback?.items.length
        ? fallbackTexts(search, result).title
        : resultsTitle(search, result);
      status.info(countText());
      updateTitle();
    }
  } else {
    form.setDistrictsFailed();
  }
  if (shapes.status === 'fulfilled' && map) {
    map.setDistricts(shapes.value);
    if (shown.result && shown.search.kind === 'district') {
      map.showClubs(shownItems(shown.result), mapOptions(shown.search, shown.result));
    }
  }
}

// ---- routing -------------------------------------------------------------------------------

async function render(newRoute, { source }) {
  try {
    await renderRoute(newRoute, source);
  } finally {
    // The page is laid out in its final form only now: CSS keeps it invisible until then (or
    // for at most a moment), so nothing jumps while translations and the first answer arrive.
    document.body.classList.add('is-ready');
  }
}

async function renderRoute(newRoute, source) {
  route = newRoute;
  // Phones hide the search form while a club is open (CSS): the club is the page then.
  document.body.dataset.route = newRoute.view;
  form.setState(route.search);
  if (route.view === 'soon') {
    await showStartingSoon(route.search, source);
    return;
  }
  soon.hide();
  if (route.view === 'club') {
    if (!WIDE_SCREEN.matches) {
      setView('list');
    }
    const focus = source !== 'load';
    const key = searchKey(route.search);
    await Promise.all([
      key === shown.key ? Promise.resolve() : runSearch(route.search, { announce: false }),
      showClub(route.slug, { focus })
    ]);
    if (route === newRoute && map && details.currentSlug() === route.slug) {
      map.revealClub(route.slug);
    }
    return;
  }
  await showResults(route.search, source);
}

function navigateToSearch(search) {
  router.navigate({ view: 'results', search });
}

function openClub(slug) {
  const inClub = route.view === 'club';
  router.navigate(
    { view: 'club', slug, search: route.search, fromResults: inClub ? route.fromResults : true },
    { replace: inClub }
  );
}

function backToResults() {
  if (route.view === 'club' && route.fromResults) {
    router.back();
  } else {
    router.navigate({ view: 'results', search: route.search });
  }
}

function onDetailsKeyDown(event) {
  if (event.key === 'Escape' && !event.defaultPrevented) {
    backToResults();
  }
}

// ---- starting soon -------------------------------------------------------------------------

async function showStartingSoon(search, source) {
  clubToken += 1;
  api.cancel('club');
  details.close();
  page.results.hidden = true;
  if (!WIDE_SCREEN.matches) {
    setView('list');
  }
  // The results of the same point load behind it, so the map and "Back to results" match.
  const key = searchKey(search);
  await Promise.all([
    key === shown.key ? Promise.resolve() : runSearch(search, { announce: false }),
    soon.show(search, { focus: source !== 'load' })
  ]);
  updateTitle();
}

// ---- results -------------------------------------------------------------------------------

async function showResults(search, source) {
  // Focus goes back to the club's list item only when it was in the panel that closes (Back,
  // Escape); a search started from the form keeps focus on the control that started it.
  const active = document.activeElement;
  const focusInDetails = !active || active === document.body || page.details.contains(active);
  const wasOpen = details.isOpen();
  const returningFrom = wasOpen && focusInDetails ? details.currentSlug() : '';
  clubToken += 1;
  api.cancel('club');
  details.close();
  page.results.hidden = false;

  const key = searchKey(search);
  const refetch = key !== shown.key || !shown.result || (source === 'push' && !wasOpen);
  if (source === 'push' && !WIDE_SCREEN.matches) {
    // On a phone a search (from the form or a click on the map) shows its results, not the map.
    setView('list');
  }
  if (refetch) {
    await runSearch(search);
    if (source === 'push' && !WIDE_SCREEN.matches && route.search === search) {
      revealResults();
    }
  } else {
    // The same results are already on screen: drop any newer search still in flight.
    searchToken += 1;
    api.cancel('search');
    api.cancel('search-filters');
    page.results.removeAttribute('aria-busy');
    list.select(null);
    map?.highlightClub(null);
    status.restore();
    updateTitle();
  }
  if (returningFrom && !list.focus(returningFrom)) {
    focusResultsHeading();
  }
}

async function runSearch(search, { announce = true } = {}) {
  const token = ++searchToken;
  api.cancel('search-filters');
  if (announce) {
    status.busy(t('status.searching'));
  }
  page.results.setAttribute('aria-busy', 'true');
  try {
    const result = await fetchResults(search);
    if (token !== searchToken) {
      return;
    }
    shown = { key: searchKey(search), search, result };
    renderResults();
    map?.showClubs(shownItems(result), mapOptions(search, result));
    renderCoverage();
    if (announce) {
      status.info(countText());
    } else {
      status.remember(countText());
    }
    if (route.view === 'results') {
      updateTitle();
    }
  } catch (error) {
    if (isAborted(error) || token !== searchToken) {
      return;
    }
    shown = { key: null, search, result: null };
    list.render([], { title: t('results.errorTitle') });
    map?.showClubs([], { fit: false });
    status.error(errorMessage(error, search.kind === 'district' ? 'district' : 'search'), function retrySearch() {
      runSearch(search, { announce: true });
    });
    if (route.view === 'results') {
      document.title = `${t('results.errorTitle')} – ${t('app.title')}`;
    }
  } finally {
    if (token === searchToken) {
      page.results.removeAttribute('aria-busy');
    }
  }
}


// "Open now" and a day match only clubs with a published timetable: say so when nothing matches.
function emptyKey(filters, search = null) {
  if (search?.kind === 'text' && !hasFilters(filters)) {
    return 'results.emptyText';
  }
  if (filters.openNow || filters.day) {
    return 'results.emptyScheduleFiltered';
  }
  return hasFilters(filters) ? 'results.emptyFiltered' : 'results.empty';
}


const byName = new Intl.Collator('pl', { sensitivity: 'base', numeric: true });

function sortedByName(items) {
  return items.slice().sort((a, b) => byName.compare(a.name, b.name));
}

async function fetchResults(search) {
  const filters = filterParams(search.filters);
  if (search.kind === 'point') {
    const point = { lat: search.lat, lon: search.lon };
    const nearest = await api.getNearest({ ...point, ...filters, limit: NEAREST_LIMIT }, 'search');
    const items = Array.isArray(nearest.items) ? nearest.items : [];
    const origin = { lat: search.lat, lon: search.lon, district: nearest.origin?.district ?? null };
    // Nothing matches the filters anywhere: the nearest clubs without them, said so.
    const fallback = items.length === 0 && hasFilters(search.filters)
      ? await fetchFallback(point, false)
      : null;
    return { items, total: items.length, origin, fallback };
  }
  const query = { ...filters };
  if (search.kind === 'district') {
    query.district = search.district;
  } else if (search.kind === 'text') {
    query.q = search.q;
  }
  const response = await api.getClubs(query, 'search');
  const items = sortedByName(Array.isArray(response.items) ? response.items : []);
  if (search.kind === 'all' && !hasFilters(search.filters) && listedTotal === null) {
    listedTotal = response.total ?? items.length;
  }
  let fallback = null;
  if (items.length === 0 && search.kind === 'district') {
    // An empty district still has clubs nearby: with the filters first, then without them.
    fallback = await fetchFallback({ district: search.district, ...filters }, hasFilters(search.filters));
    if (fallback.items.length === 0 && hasFilters(search.filters)) {
      fallback = await fetchFallback({ district: search.district }, false);
    }
  }
  return { items, total: response.total ?? items.length, origin: null, fallback };
}

async function fetchFallback(query, filtered) {
  const nearest = await api.getNearest({ ...query, limit: FALLBACK_LIMIT }, 'search');
  return {
    items: Array.isArray(nearest.items) ? nearest.items : [],
    origin: nearest.origin ?? null,
    filtered
  };
}

// "No club in VIII Dębniki yet — the nearest are …": the heading and the note under it.
function fallbackTexts(search, result) {
  const fallback = result.fallback;
  if (search.kind === 'district') {
    const district = districtLabel(search, result);
    return {
      title: t(fallback.filtered ? 'fallback.titleDistrictFiltered' : 'fallback.titleDistrict', { district }),
      note: t('fallback.fromDistrict', { district: fallback.origin?.district?.name ?? district })
    };
  }
  return { title: t('fallback.titleFilters'), note: originText(search, result) };
}

function fallbackStatus(search, result) {
  const count = result.fallback.items.length;
  if (search.kind === 'district' && !hasFilters(search.filters)) {
    return t('fallback.status', { district: districtLabel(search, result), count });
  }
  return t(emptyKey(search.filters, search));
}

function mapOptions(search, result = null) {
  const fallbackOrigin = result?.fallback?.items.length && search.kind === 'district' ? result.fallback.origin : null;
  return {
    origin: search.kind === 'point' && Number.isFinite(search.lat) && Number.isFinite(search.lon)
      ? { lat: search.lat, lon: search.lon }
      : fallbackOrigin,
    district: search.kind === 'district' ? search.district : null
  };
}

const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII'];

function districtLabel(search, result) {
  const district = form.districtByNumber(search.district);
  if (district) {
    return t('results.districtName', { roman: district.roman, name: district.name });
  }
  // Before the district list has loaded (a shared link): the same words from the answer, so the
  // title does not change (and move the page) when the list arrives.
  const fromAnswer = result?.items.find((club) => club.district)?.district ?? result?.fallback?.origin?.district;
  return fromAnswer
    ? t('results.districtName', { roman: ROMAN[fromAnswer.number] ?? fromAnswer.number, name: fromAnswer.name })
    : String(search.district);
}

function resultsTitle(search, result) {
  switch (search.kind) {
    case 'district':
      return t('results.titleDistrict', { district: districtLabel(search, result) });
    case 'point':
      return t('results.titleNearest');
    case 'text':
      return t('results.titleText', { q: search.q });
    default:
      return t('results.titleAll');
  }
}

function originText(search, result) {
  if (search.kind !== 'point') {
    return t('results.sortedByName');
  }
  let text;
  if (search.origin === 'location') {
    text = t('results.fromLocation');
  } else if (search.place && search.origin === 'online') {
    text = t('results.fromOnlinePlace', { place: search.place });
  } else if (search.place) {
    text = t('results.fromPlace', { place: search.place });
  } else {
    text = t('results.fromPoint');
  }
  const district = result.origin?.district;
  return district ? `${text} ${t('results.originDistrict', { district: district.name })}` : text;
}

function shownItems(result) {
  return result.items.length === 0 && result.fallback?.items.length ? result.fallback.items : result.items;
}

function renderResults() {
  const { search, result } = shown;
  const emptyText = search.kind === 'text' ? t(emptyKey(search.filters, search), { q: search.q }) : t(emptyKey(search.filters));
  if (result.items.length === 0 && result.fallback?.items.length) {
    const texts = fallbackTexts(search, result);
    list.render(result.fallback.items, { title: texts.title, origin: texts.note, emptyText });
    // Why nothing matched stays visible under the nearest clubs when filters were the cause.
    page.results.querySelector('#results-empty').hidden = !hasFilters(search.filters);
    return;
  }
  list.render(result.items, {
    title: resultsTitle(search, result),
    origin: originText(search, result),
    emptyText
  });
}

function countText() {
  const { search, result } = shown;
  if (!result) {
    return '';
  }
  const count = result.items.length;
  if (count === 0 && result.fallback?.items.length) {
    return fallbackStatus(search, result);
  }
  if (count === 0) {
    return t(emptyKey(search.filters, search), { q: search.q });
  }
  return t(search.kind === 'point' ? 'status.foundNearest' : 'status.found', { count });
}

// Honest coverage: the service lists only part of the city's clubs for now.
function renderCoverage() {
  const reported = config.reportedClubCount;
  // The server's own count when it gives one; otherwise what the districts and lists add up to.
  const listed = Number.isInteger(config.listedClubCount) ? config.listedClubCount : listedTotal;
  if (listed === null || !reported) {
    page.coverage.hidden = true;
    return;
  }
  page.coverage.textContent = t('coverage.text', { listed, reported });
  page.coverage.hidden = false;
}

function updateTitle() {
  if (route && route.view === 'soon') {
    document.title = `${soon.title()} – ${t('app.title')}`;
  } else if (route && route.view === 'club' && shownClub && details.currentSlug() === shownClub.slug) {
    document.title = `${shownClub.name} – ${t('app.title')}`;
  } else if (shown.result) {
    document.title = `${resultsTitle(shown.search, shown.result)} – ${t('app.title')}`;
  } else {
    document.title = t('app.title');
  }
}

// Phones: bring the results up under the thumb, the first card whole, without moving focus.
function revealResults() {
  const target = page.status.closest('.status-bar') ?? page.results;
  const top = target.getBoundingClientRect().top + window.scrollY - 8;
  if (Math.abs(window.scrollY - top) > 4) {
    window.scrollTo({ top, behavior: 'auto' });
  }
}

function focusResultsHeading() {
  page.resultsHeading.focus();
}

// ---- club details --------------------------------------------------------------------------

async function showClub(slug, { focus }) {
  const token = ++clubToken;
  if (shownClub && shownClub.slug === slug) {
    presentClub(shownClub, focus);
    return;
  }
  status.busy(t('status.loadingClub'));
  try {
    const club = await api.getClub(slug, 'club');
    if (token !== clubToken) {
      return;
    }
    shownClub = club;
    status.restore();
    presentClub(club, focus);
  } catch (error) {
    if (isAborted(error) || token !== clubToken) {
      return;
    }
    const message = errorMessage(error, 'club');
    page.results.hidden = true;
    details.showError(slug, message, function retryClub() {
      showClub(slug, { focus: true });
    });
    status.error(message, function retryClubFromStatus() {
      showClub(slug, { focus: true });
    });
    document.title = `${t('details.errorHeading')} – ${t('app.title')}`;
    if (focus) {
      details.focusHeading();
    }
  }
}

function presentClub(club, focus) {
  page.results.hidden = true;
  details.show(club);
  list.select(club.slug, { scroll: false });
  updateTitle();
  if (focus) {
    details.focusHeading();
  } else if (WIDE_SCREEN.matches) {
    // A shared /clubs/{slug} link: show the club without moving focus. (Phones hide the search
    // form while a club is open, so the club already starts under the header.)
    page.details.scrollIntoView({ block: 'start' });
  }
}

function showClubOnMap(slug) {
  if (!map) {
    return;
  }
  if (!WIDE_SCREEN.matches) {
    setView('map');
    page.map.focus();
  }
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

function searchAtPoint(lat, lon) {
  navigateToSearch(searchFrom({ kind: 'point', lat, lon, origin: 'map' }));
}

function searchDistrict(number) {
  navigateToSearch(searchFrom({ kind: 'district', district: String(number) }));
}

function searchFrom(fields) {
  return {
    kind: 'all', district: '', lat: null, lon: null, place: '', origin: '', q: '',
    ...fields,
    filters: form.readFilters()
  };
}

// "Pick the place on the map": on a phone the map takes the screen; a tap there searches.
function pickOnMap() {
  if (!map) {
    status.info(t('map.unavailable'));
    return;
  }
  if (!WIDE_SCREEN.matches) {
    setView('map');
  }
  page.map.focus();
  status.info(t('placeAnswer.tapMap'));
}

function onSearchMapCentre() {
  if (!map) {
    return;
  }
  const centre = map.getCenter();
  searchAtPoint(centre.lat, centre.lon);
}

// ---- layout and language -------------------------------------------------------------------

function setView(view) {
  document.body.dataset.view = view;
  page.toggle.setAttribute('aria-pressed', String(view === 'map'));
  if (view === 'map') {
    map?.refresh();
  }
}

function onToggleView() {
  setView(document.body.dataset.view === 'map' ? 'list' : 'map');
}

// Skip link and page navigation: move focus without adding "#..." entries to the history,
// which the Back button walks through search by search.
function onInPageLinkClick(event) {
  const link = event.currentTarget;
  const target = document.getElementById(link.getAttribute('href').slice(1));
  if (!target) {
    return;
  }
  event.preventDefault();
  if (link.dataset.viewLink && !WIDE_SCREEN.matches) {
    setView(link.dataset.viewLink);
  }
  const focusTarget = target.closest('[hidden]') ? document.getElementById('club-details-heading') : target;
  if (!focusTarget.hasAttribute('tabindex')) {
    focusTarget.setAttribute('tabindex', '-1');
  }
  focusTarget.focus();
  focusTarget.scrollIntoView({ block: 'start' });
}

function onScreenChange() {
  map?.refresh();
}

async function onLanguageChange() {
  try {
    await setLanguage(page.language.value, { remember: true });
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
  renderCoverage();
  if (shown.result) {
    renderResults();
    if (route.view === 'results') {
      status.info(countText());
    } else {
      status.remember(countText());
    }
  }
  soon.updateTexts();
  if (details.isOpen() && shownClub && details.currentSlug() === shownClub.slug) {
    details.show(shownClub);
  }
  updateTitle();
}

// ---- errors --------------------------------------------------------------------------------

// Only when even the translations cannot load: a last message in both main languages.
function showStartFailure(error) {
  console.error(error);
  page.status.textContent = 'Nie udało się uruchomić strony. Odśwież ją za chwilę. / The page could not start. Please reload it in a moment.';
  page.status.dataset.kind = 'error';
}
