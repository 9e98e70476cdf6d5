// The finder inside another site's page (/embed, inserted by /widget.js): the finder (finder.js)
// wired to the host page. Unlike main.js it keeps no browser history (Back belongs to the host),
// stores nothing unless the host opted in with remember=1, opens the full site in a new tab, and
// tells the host how tall it is. It starts compact: the first few results and "show all".

import { setLanguage, preferredLanguage, currentLanguage, translateDocument } from './i18n.js';
import { createSearch, searchToQueryString } from './router.js';
import { createFinder } from './finder.js';
import { createApi } from './api.js';
import { finderElements } from './dom.js';
import { readEmbedParams, detectHostOrigin, createHostLink } from './embedHost.js';

// Results shown before "show all": with the search bar, under about 900 px on a desktop.
const COMPACT_LIST = 3;

const page = {
  ...finderElements(),
  fullSite: document.getElementById('full-site-link'),
  clubFullSite: document.getElementById('club-full-site-link')
};

const params = readEmbedParams(window.location.search);
// Asked for at once, while the translations load.
const api = createApi({ language: currentLanguage });
const configLoaded = api.getConfigOrDefaults();
let host = null;
let finder;
let current = createSearch();

start().catch(showStartFailure);

async function start() {
  host = createHostLink({ id: params.id, hostOrigin: detectHostOrigin() });
  try {
    // The host's lang wins; a remembered choice counts only where the host allowed storage.
    await setLanguage(params.lang || (params.remember ? preferredLanguage() : 'pl'));
  } catch {
    await setLanguage('pl');
  }
  translateDocument();
  page.language.value = currentLanguage();

  finder = createFinder(page, {
    api,
    onSearch: search,
    onOpen: openClub,
    onBack: backToResults,
    onChange: updateFullSiteLinks,
    // List and map take turns unless the host asked for both side by side.
    narrow: () => document.body.dataset.view !== 'both',
    listLimit: COMPACT_LIST,
    wheelZoom: false
  });
  page.language.addEventListener('change', onLanguageChange);
  page.toggle.hidden = params.view === 'both';
  finder.setView(params.view);

  try {
    const started = finder.start(configLoaded);
    await search(initialSearch(params));
    await started;
  } finally {
    // Laid out in its final form only now (CSS keeps it invisible until then), so nothing jumps;
    // the map comes after the first answer.
    document.body.classList.add('is-ready');
    finder.mapAfterFirstAnswer();
  }
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

async function search(newSearch) {
  current = newSearch;
  if (document.body.dataset.view === 'map') {
    finder.setView('list');
  }
  await finder.showResults(newSearch, { refetch: true });
}

async function openClub(slug) {
  if (document.body.dataset.view === 'map') {
    finder.setView('list');
  }
  await finder.showClub(slug, { focus: true });
}

async function backToResults() {
  const slug = finder.currentSlug();
  await finder.showResults(current, { refetch: false });
  if (!slug || !finder.focusListItem(slug)) {
    finder.focusResultsHeading();
  }
}

// The full finder opens on the same search (or club) in a new tab.
function updateFullSiteLinks() {
  const club = finder?.openClub();
  page.fullSite.href = `/${searchToQueryString(current)}`;
  page.clubFullSite.href = club ? `/clubs/${encodeURIComponent(club.slug)}` : '/';
}

async function onLanguageChange() {
  if (!(await finder.changeLanguage(page.language.value, { remember: params.remember }))) {
    page.language.value = currentLanguage();
  }
}

function showStartFailure(error) {
  console.error(error);
  page.status.textContent = 'Nie udało się uruchomić wyszukiwarki. / The finder could not start.';
  page.status.dataset.kind = 'error';
  host?.reportHeight();
}
