// The finder page: wires the finder (finder.js) to the address bar, so that every view has a
// URL and Back walks through searches; adds "starting soon", the coverage line and page titles.

import { t, setLanguage, preferredLanguage, currentLanguage, translateDocument, limitLanguages } from './i18n.js';
import { createRouter, searchKey } from './router.js';
import { errorMessage } from './searchShared.js';
import { createFinder } from './finder.js';
import { createApi } from './api.js';
import { createStartingSoon } from './startingSoon.js';
import { resultsTitle } from './resultTexts.js';
import { followInPageLink, revealResults } from './pageMoves.js';
import { finderElements } from './dom.js';

const WIDE_SCREEN = window.matchMedia('(min-width: 900px)');
const narrow = () => !WIDE_SCREEN.matches;

const page = { ...finderElements(), coverage: document.getElementById('coverage') };

// Asked for at once, while the translations load.
const api = createApi({ language: currentLanguage });
const configLoaded = api.getConfigOrDefaults();
let finder;
let soon;
let router;
let route = null;
let config = {};
let started = Promise.resolve();

start().catch(showStartFailure);

async function start() {
  try {
    await setLanguage(preferredLanguage());
  } catch {
    await setLanguage('pl');
  }
  translateDocument();
  page.language.value = currentLanguage();

  finder = createFinder(page, { api, onSearch: navigateToSearch, onOpen: openClub, onBack: backToResults, onChange: updateTitle, narrow });
  soon = createStartingSoon(page.results, {
    api: finder.api,
    status: finder.status,
    currentSearch: () => route?.search ?? null,
    onRequest: (fields) => router.navigate({ view: 'soon', search: finder.searchFrom(fields) }),
    onOpen: openClub,
    onBack: backToResults,
    errorMessage: (error) => errorMessage(error, 'search')
  });

  page.language.addEventListener('change', onLanguageChange);
  WIDE_SCREEN.addEventListener('change', () => finder.refreshMap());
  for (const link of document.querySelectorAll('a[href^="#"]')) {
    link.addEventListener('click', (event) => followInPageLink(event, (view) => narrow() && finder.setView(view)));
  }

  // The map and the coverage line come with the configuration; the first results do not wait for it.
  started = finder.start(configLoaded).then(function onConfig(loaded) {
    config = loaded;
    limitLanguages(page.language, config.languages);
    renderCoverage();
  });
  router = createRouter({ onChange: render });
  router.start();
  await started;
}

// ---- routing -------------------------------------------------------------------------------

async function render(newRoute, { source }) {
  try {
    await renderRoute(newRoute, source);
  } finally {
    // The page is laid out in its final form only now: CSS keeps it invisible until then (or
    // for at most a moment), so nothing jumps while translations and the first answer arrive.
    await started.catch(() => {});
    document.body.classList.add('is-ready');
    finder.mapAfterFirstAnswer();
  }
}

async function renderRoute(newRoute, source) {
  route = newRoute;
  // Phones hide the search form while a club is open (CSS): the club is the page then.
  document.body.dataset.route = newRoute.view;
  if (route.view !== 'soon') {
    soon.hide();
  }
  if (route.view === 'results') {
    await showResults(route.search, source);
    return;
  }
  if (narrow()) {
    finder.setView('list');
  }
  if (route.view === 'soon') {
    finder.closeClub();
    page.results.hidden = true;
    // The results of the same point load behind it, so the map and "Back to results" match.
    await Promise.all([finder.loadBehind(route.search), soon.show(route.search, { focus: source !== 'load' })]);
    updateTitle();
    return;
  }
  await Promise.all([finder.loadBehind(route.search), finder.showClub(route.slug, { focus: source !== 'load' })]);
  if (route === newRoute && finder.openClub()?.slug === route.slug) {
    finder.revealOnMap(route.slug);
  }
}

async function showResults(search, source) {
  // Focus goes back to the club's list item only when it was in the panel that closes (Back,
  // Escape); a search started from the form keeps focus on the control that started it.
  const active = document.activeElement;
  const wasOpen = finder.detailsAreOpen();
  const focusInDetails = !active || active === document.body || page.details.contains(active);
  const returningFrom = wasOpen && focusInDetails ? finder.currentSlug() : '';
  const refetch = !finder.isShowing(search) || (source === 'push' && !wasOpen);
  if (source === 'push' && narrow()) {
    // On a phone a search (from the form or a click on the map) shows its results, not the map.
    finder.setView('list');
  }
  await finder.showResults(search, { refetch });
  // A search on a phone, or a link to one (a shared district or place), opens at its first card.
  const searched = source === 'push' || (source === 'load' && search.kind !== 'all');
  if (refetch && searched && narrow() && route.search === search) {
    revealResults();
  }
  if (returningFrom && !finder.focusListItem(returningFrom)) {
    finder.focusResultsHeading();
  }
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

// ---- what the page says around the finder --------------------------------------------------

// Honest coverage: the service lists only part of the city's clubs for now.
function renderCoverage() {
  const { reportedClubCount: reported, listedClubCount: listed } = config;
  page.coverage.hidden = !Number.isInteger(listed) || !reported;
  page.coverage.textContent = page.coverage.hidden ? '' : t('coverage.text', { listed, reported });
}

function updateTitle() {
  const app = t('app.title');
  const { search, result } = finder.results();
  const club = finder.openClub();
  if (route?.view === 'soon') {
    document.title = `${soon.title()} – ${app}`;
  } else if (route?.view === 'club' && club) {
    document.title = `${club.name} – ${app}`;
  } else if (route?.view === 'club' && finder.detailsAreOpen()) {
    document.title = `${t('details.errorHeading')} – ${app}`;
  } else if (result) {
    document.title = `${resultsTitle(search, result, finder.districtByNumber)} – ${app}`;
  } else {
    document.title = search && route && searchKey(search) === searchKey(route.search) ? `${t('results.errorTitle')} – ${app}` : app;
  }
}

async function onLanguageChange() {
  if (!(await finder.changeLanguage(page.language.value, { remember: true }))) {
    page.language.value = currentLanguage();
    return;
  }
  renderCoverage();
  soon.updateTexts();
  updateTitle();
}

// Only when even the translations cannot load: a last message in both main languages.
function showStartFailure(error) {
  console.error(error);
  page.status.textContent = 'Nie udało się uruchomić strony. Odśwież ją za chwilę. / The page could not start. Please reload it in a moment.';
  page.status.dataset.kind = 'error';
}
