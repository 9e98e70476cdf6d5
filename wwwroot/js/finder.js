// The finder's state, shared by the page (main.js, which keeps it in the address bar) and the
// embed (embed.js, which keeps it inside another site's frame): the search on screen and its
// answer, the open club, and the guard against stale answers. It creates the parts (search form,
// results list, club details, map) and tells its owner what the visitor asked for.

import { createApi, isAborted } from './api.js';
import { t, setLanguage, currentLanguage, translateDocument } from './i18n.js';
import { createSearch, searchKey } from './router.js';
import { createDeferredMap } from './finderMap.js';
import { errorMessage } from './searchShared.js';
import { fetchResults, fetchMore } from './searchAnswer.js';
import { createClubList } from './clubList.js';
import { createClubDetails } from './clubDetails.js';
import { createSearchForm } from './searchForm.js';
import { createStatus } from './status.js';
import { createLegend } from './legend.js';
import { createFinderClub } from './finderClub.js';
import { shownItems, remainingCount, listTexts, countText, mapOptions } from './resultTexts.js';

export const DEFAULTS = {
  onSearch() {}, // the visitor asked for a search (form, map)
  onOpen() {}, // … for a club
  onBack() {}, // … to go back from a club to the results
  onChange() {}, // something on screen changed (title, frame height)
  narrow: () => false, // list and map take turns (phones)
  listLimit: 0, // 0: every result; otherwise the first few and "show all"
  wheelZoom: true
};

export function createFinder(page, options) {
  const settings = { ...DEFAULTS, ...options };
  const api = settings.api ?? createApi({ language: currentLanguage });
  const status = createStatus(page.status, { retryButton: page.retry, onRetryFocusLost: focusResultsHeading });
  const list = createClubList(page.results, { onOpen: settings.onOpen, onHighlight: (slug) => map.highlight(slug), limit: settings.listLimit, onExpand: settings.onChange, onLoadMore: loadMore });
  const details = createClubDetails(page.details, { onBack: settings.onBack, onShowOnMap: (slug) => map.showClub(slug), calendarUrl: api.calendarUrl, getOccurrences: (slug) => api.getOccurrences(slug, 'occurrences') });
  const form = createSearchForm(page.form, { api, status, onSearch: settings.onSearch, onPickOnMap: () => map.pickPlace() });
  const legend = createLegend(page.legend);
  const club = createFinderClub({ page, api, status, details, list, narrow: settings.narrow, onChange: () => settings.onChange() });
  const districtByNumber = (value) => form.districtByNumber(value);
  let configReady = null;
  const map = createDeferredMap(page, {
    getConfig: () => configReady ?? api.getConfigOrDefaults(), getShapes: () => api.getDistrictShapes(),
    setView, status, narrow: settings.narrow, wheelZoom: settings.wheelZoom,
    onSearchHere: searchAt,
    onDistrictPick: (number) => settings.onSearch(searchFrom({ kind: 'district', district: String(number) })),
    onClubSelect: selectClubFromMap, onClubOpen: settings.onOpen,
    onCreated: showOnMap,
    onShapes: () => shown.result && shown.search.kind === 'district' && map.showClubs(shownItems(shown.result), mapOptions(shown.search, shown.result))
  });
  let shown = { key: null, search: null, result: null };
  let searchToken = 0;

  page.toggle.addEventListener('click', () => setView(document.body.dataset.view === 'map' ? 'list' : 'map'));
  page.details.addEventListener('keydown', function onDetailsKeyDown(event) {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      settings.onBack();
    }
  });

  // Neither the results nor the page wait for the map; the page asks for it once its first answer
  // is on screen (mapAfterFirstAnswer).
  function start(configLoaded = api.getConfigOrDefaults()) {
    loadDistricts();
    configReady = configLoaded;
    return configLoaded;
  }

  // What is on screen, drawn on the map when it arrives.
  function showOnMap() {
    if (shown.result) {
      map.showClubs(shownItems(shown.result), mapOptions(shown.search, shown.result));
    }
    map.reveal(club.open()?.slug);
  }

  async function loadDistricts() {
    let districts;
    try {
      districts = await api.getDistricts();
    } catch {
      districts = null;
    }
    if (Array.isArray(districts)) {
      form.setDistricts(districts);
      if (shown.result) {
        // Only the title and the count gain the district's numeral; the list (and focus in it) stays.
        page.resultsHeading.textContent = listTexts(shown.search, shown.result, districtByNumber).title;
        status.remember(countText(shown.search, shown.result, districtByNumber));
        status.restore();
      }
    } else {
      form.setDistrictsFailed();
    }
    settings.onChange();
  }

  // ---- results -----------------------------------------------------------------------------

  function isShowing(search) {
    return Boolean(shown.result) && searchKey(search) === shown.key;
  }

  // The results of a search that is not on screen (a club or "starting soon" opened from a link):
  // loaded behind, so that the map and "Back to results" match.
  function loadBehind(search) {
    form.setState(search);
    return isShowing(search) ? Promise.resolve() : runSearch(search, { announce: false });
  }

  async function showResults(search, { refetch = !isShowing(search), announce = true } = {}) {
    club.close();
    page.results.hidden = false;
    form.setState(search);
    if (refetch) {
      await runSearch(search, { announce });
      return;
    }
    // The same results are already on screen: drop any newer search still in flight.
    searchToken += 1;
    api.cancel('search');
    api.cancel('search-filters');
    api.cancel('search-more');
    page.results.removeAttribute('aria-busy');
    list.select(null);
    map.highlight(null);
    status.restore();
    settings.onChange();
  }

  async function runSearch(search, { announce = true } = {}) {
    const token = ++searchToken;
    api.cancel('search-filters');
    api.cancel('search-more');
    if (announce) {
      status.busy(t('status.searching'));
    }
    page.results.setAttribute('aria-busy', 'true');
    try {
      const result = await fetchResults(api, search);
      if (token !== searchToken) {
        return;
      }
      shown = { key: searchKey(search), search, result };
      renderResults();
      map.showClubs(shownItems(result), mapOptions(search, result));
      const text = countText(search, result, districtByNumber);
      if (announce) {
        status.info(text);
      } else {
        status.remember(text);
      }
    } catch (error) {
      if (isAborted(error) || token !== searchToken) {
        return;
      }
      shown = { key: null, search, result: null };
      list.render([], { title: t('results.errorTitle') });
      map.showClubs([], { fit: false });
      status.error(errorMessage(error, search.kind === 'district' ? 'district' : 'search'), function retrySearch() {
        runSearch(search, { announce: true });
      });
    } finally {
      if (token === searchToken) {
        page.results.removeAttribute('aria-busy');
        settings.onChange();
      }
    }
  }

  function renderResults({ expanded = false } = {}) {
    const { search, result } = shown;
    const texts = listTexts(search, result, districtByNumber);
    list.render(shownItems(result), { ...texts, remaining: remainingCount(result), expanded });
    page.results.querySelector('#results-empty').hidden = result.items.length > 0 || (shownItems(result).length > 0 && !texts.keepEmptyNote);
  }

  // The next page of a long list: appended in name order, focus on the first club that came.
  async function loadMore() {
    const token = searchToken;
    const { key, search, result } = shown;
    // A new search on its way replaces this list: its next page is not wanted.
    if (!result || page.results.getAttribute('aria-busy') === 'true') {
      list.doneLoadingMore();
      return;
    }
    const before = new Set(result.items.map((club) => club.slug));
    try {
      const next = await fetchMore(api, result);
      if (token !== searchToken || shown.key !== key) {
        return;
      }
      shown = { ...shown, result: next };
      renderResults({ expanded: true });
      map.showClubs(shownItems(next), { ...mapOptions(search, next), fit: false });
      const first = next.items.find((club) => !before.has(club.slug));
      status.info(countText(search, next, districtByNumber));
      if (!first || !list.focus(first.slug)) {
        focusResultsHeading();
      }
    } catch (error) {
      if (isAborted(error) || token !== searchToken) {
        return;
      }
      status.error(errorMessage(error, 'search'), loadMore);
    } finally {
      list.doneLoadingMore();
      settings.onChange();
    }
  }

  function focusResultsHeading() {
    page.resultsHeading.focus();
  }

  // ---- map ---------------------------------------------------------------------------------

  function selectClubFromMap(slug) {
    list.select(slug);
    map.highlight(slug);
  }

  function searchFrom(fields) {
    return createSearch({ ...fields, filters: form.readFilters() });
  }

  function searchAt(lat, lon) {
    settings.onSearch(searchFrom({ kind: 'point', lat, lon, origin: 'map' }));
  }

  // list: the list, with a button for the map; map: the other way round; both: side by side.
  function setView(view) {
    document.body.dataset.view = view;
    page.toggle.setAttribute('aria-pressed', String(view === 'map'));
    if (view === 'map') {
      map.load(); // the map alone: needed now (beside the list, it comes when seen)
    }
    if (view !== 'list') {
      map.refresh();
    }
    settings.onChange();
  }

  // ---- language ----------------------------------------------------------------------------

  async function changeLanguage(lang, { remember }) {
    try {
      await setLanguage(lang, { remember });
    } catch {
      return false;
    }
    translateDocument();
    form.updateTexts();
    legend.render();
    map.updateTexts();
    if (shown.result) {
      renderResults();
      status.remember(countText(shown.search, shown.result, districtByNumber));
      if (!details.isOpen()) {
        status.restore();
      }
    }
    const open = club.open();
    if (open) {
      details.show(open);
    }
    settings.onChange();
    return true;
  }

  return {
    api, status, start, mapAfterFirstAnswer: map.loadWhenWanted, loadBehind, showResults,
    closeClub: club.close, showClub: club.show, openClub: club.open, isShowing, setView, changeLanguage, searchFrom,
    districtByNumber, focusResultsHeading,
    refreshMap: () => map.refresh(), revealOnMap: (slug) => map.reveal(slug), currentSlug: () => details.currentSlug(),
    focusListItem: (slug) => list.focus(slug),
    results: () => shown,
    detailsAreOpen: () => details.isOpen()
  };
}
