// The coverage page's wiring: loads the figures, the map layers and the candidate sites from
// the address, and keeps the three in step. The table is the primary view; the map follows it.

import { t, setLanguage, preferredLanguage, currentLanguage, translateDocument } from '../i18n.js';
import { createApi } from '../api.js';
import { createPlaceCombobox } from '../placeCombobox.js';
import { errorMessage } from '../searchShared.js';
import { createCoverageApi } from './coverageApi.js';
import { createCoverageMap } from './coverageMap.js';
import { renderDistrictTable, renderSiteResults } from './coverageTable.js';
import { coverageCsv, download } from './coverageCsv.js';
import { MAX_SITES, readSites, writeSites } from './coverageSites.js';

const coverageApi = createCoverageApi();
const placesApi = createApi();
const select = document.getElementById('lang-select');
const status = document.getElementById('coverage-status');
const state = { report: null, sites: readSites(), answers: null, request: 0 };
let map = null;

select.addEventListener('change', onLanguageChange);
document.getElementById('download-csv').addEventListener('click', onDownload);
document.getElementById('print-page').addEventListener('click', function onPrint() {
  window.print();
});
createPlaceCombobox(document.getElementById('place-input'), {
  status: document.getElementById('place-status'),
  fetchSuggestions,
  onChoose: function onPlaceChosen(suggestion) {
    addSite({ lat: suggestion.lat, lon: suggestion.lon, label: suggestion.label });
  }
});

// The page stays invisible (CSS, at most a moment) until its texts, table and map are laid out, so
// nothing jumps while they arrive; a failure is shown at once.
start().catch(function onStartFailure(error) {
  status.textContent = errorMessage(error);
  document.body.dataset.ready = 'true';
});

async function start() {
  await setLanguage(preferredLanguage());
  translateDocument();
  document.title = t('coverage.pageTitle');
  select.value = currentLanguage();
  const [report, config] = await Promise.all([coverageApi.getCoverage(), coverageApi.getConfig().catch(() => null)]);
  state.report = report;
  if (window.L) {
    map = createCoverageMap(document.getElementById('coverage-map'), {
      tileUrl: config?.tileUrl,
      tileAttribution: config?.tileAttribution,
      onPick: addSite
    });
    loadLayers(report);
  }
  render();
  await refreshSites();
  document.body.dataset.ready = 'true';
}

async function loadLayers(report) {
  try {
    const [shapes, reach, clubs] = await Promise.all([coverageApi.getDistrictShapes(), coverageApi.getAreas(), coverageApi.getClubs()]);
    map.showDistricts(shapes, report);
    map.showReach(reach);
    map.showClubs(clubs);
  } catch (error) {
    status.textContent = errorMessage(error);
  }
}

async function fetchSuggestions(text) {
  const places = await placesApi.searchPlaces(text, 8, 'places');
  return (Array.isArray(places) ? places : [])
    .filter((place) => Number.isFinite(place.lat) && Number.isFinite(place.lon))
    .map((place) => ({ label: place.label, detail: place.district?.name ?? place.district ?? '', lat: place.lat, lon: place.lon }));
}

function addSite(site) {
  if (state.sites.length >= MAX_SITES) {
    status.textContent = t('coverage.tooManySites', { max: MAX_SITES });
    return;
  }
  state.sites = [...state.sites, { label: '', ...site }];
  refreshSites();
}

function removeSite(index) {
  state.sites = state.sites.filter((_, position) => position !== index);
  refreshSites();
}

// A newer change of the sites wins over a slower, older answer.
async function refreshSites() {
  writeSites(state.sites);
  map?.showSites(state.sites);
  const request = ++state.request;
  state.answers = null;
  renderSites();
  if (state.sites.length === 0) {
    return;
  }
  try {
    const answer = await coverageApi.getSites(state.sites);
    if (request !== state.request) {
      return;
    }
    state.answers = answer.sites;
    status.textContent = t('coverage.sitesUpdated', { count: state.sites.length });
  } catch (error) {
    if (request !== state.request) {
      return;
    }
    status.textContent = errorMessage(error);
  }
  renderSites();
}

function render() {
  const report = state.report;
  if (!report) {
    return;
  }
  renderDistrictTable(document.getElementById('coverage-table'), report);
  document.getElementById('coverage-basis').textContent = t(report.basis === 'children0to3' ? 'coverage.basisChildren' : 'coverage.basisResidents', {
    date: report.residentsDate ?? '–'
  });
  const competition = document.getElementById('coverage-competition');
  competition.hidden = !report.competition;
  competition.textContent = report.competition ? t('coverage.competition', { name: report.competition, source: report.competitionSource ?? '' }) : '';
  document.getElementById('coverage-source').textContent = t('coverage.source', { source: report.source ?? '–' });
  map?.renderLegend(document.getElementById('coverage-legend'), report.basis);
  renderSites();
}

function renderSites() {
  renderSiteResults(document.getElementById('site-results'), state.sites, state.answers, removeSite);
}

function onDownload() {
  if (state.report) {
    download(coverageCsv(state.report, state.sites, state.answers), 'clubfinder-coverage.csv');
  }
}

async function onLanguageChange() {
  await setLanguage(select.value, { remember: true });
  translateDocument();
  document.title = t('coverage.pageTitle');
  render();
}
