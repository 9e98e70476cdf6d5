// The search form: district, address/place (combobox), "use my location" and the filters.
// It only describes what the parent asked for (a search object); main.js runs it.

import { t } from './i18n.js';
import { isAborted } from './api.js';
import { createPlaceCombobox } from './placeCombobox.js';
import { createPlaceAnswer } from './placeAnswer.js';
import { locate } from './geolocation.js';
import { createSearch } from './router.js';
import { createFilters } from './searchFilters.js';

export const DEFAULTS = {
  api: null,
  status: null,
  suggestionLimit: 8,
  onSearch() {},
  onPickOnMap() {}
};

export function createSearchForm(form, options) {
  const settings = { ...DEFAULTS, ...options };
  const districtSelect = form.querySelector('#district-select');
  const placeInput = form.querySelector('#place-input');
  const locationButton = form.querySelector('#use-location');
  const filters = createFilters(form, { onChange: onFilterChange });
  let districts = [];
  let districtsFailed = false;
  let current = createSearch();
  // /api/places may not be deployed yet; then clubs matching the text are offered instead.
  let placesAvailable = true;

  const placeAnswer = createPlaceAnswer(addAnswerElement(), {
    onChoose: onAnswerOptionChosen,
    onPickOnMap: () => settings.onPickOnMap()
  });
  let lookupId = 0;

  const combobox = createPlaceCombobox(placeInput, {
    status: form.querySelector('#place-status'),
    maxOptions: settings.suggestionLimit,
    fetchSuggestions,
    onChoose: onSuggestionChosen
  });

  form.addEventListener('submit', onSubmit);
  districtSelect.addEventListener('change', onDistrictChange);
  locationButton.addEventListener('click', onUseLocation);

  async function fetchSuggestions(text) {
    if (placesAvailable) {
      try {
        const places = await settings.api.searchPlaces(text, settings.suggestionLimit, 'places');
        return (Array.isArray(places) ? places : []).filter(hasPoint).map(placeSuggestion);
      } catch (error) {
        if (isAborted(error) || !(error.kind === 'http' && error.status === 404)) {
          throw error;
        }
        placesAvailable = false;
      }
    }
    const result = await settings.api.getClubs({ q: text }, 'places');
    return (result.items ?? []).filter((club) => club.location).map(clubSuggestion);
  }

  function hasPoint(place) {
    return Number.isFinite(place.lat) && Number.isFinite(place.lon);
  }

  function placeSuggestion(place) {
    const district = typeof place.district === 'string' ? place.district : place.district?.name;
    const kind = place.kind ? t(`placeKind.${place.kind}`) : '';
    return {
      label: place.label,
      detail: [kind, district].filter(Boolean).join(' · '),
      lat: place.lat,
      lon: place.lon
    };
  }

  function clubSuggestion(club) {
    return {
      label: club.name,
      detail: [t('placeKind.club'), club.address?.label].filter(Boolean).join(' · '),
      lat: club.location.lat,
      lon: club.location.lon,
      slug: club.slug
    };
  }

  function search(fields) {
    filters.renderToggle();
    settings.onSearch(createSearch({ ...fields, filters: filters.read() }));
  }

  function onSuggestionChosen(suggestion) {
    search({ kind: 'point', lat: suggestion.lat, lon: suggestion.lon, place: suggestion.label, origin: 'place' });
  }

  // The answer sits under the box where the text was typed, and is read out when it appears.
  function addAnswerElement() {
    const element = document.createElement('div');
    element.id = 'place-answer';
    element.className = 'place-answer';
    element.setAttribute('role', 'region');
    element.setAttribute('aria-live', 'polite');
    element.setAttribute('aria-labelledby', 'place-label');
    form.querySelector('#place-status').after(element);
    return element;
  }

  function onAnswerOptionChosen(option) {
    const place = option.place;
    search({
      kind: 'point', lat: place.lat, lon: place.lon, place: place.label,
      origin: place.source === 'nominatim' ? 'online' : 'place'
    });
  }

  // An explicit search: the place typed (kept as typed) when it is known, otherwise the clubs
  // matching the text and an answer that says what is not known and offers what is.
  async function lookUp(text, { navigate }) {
    const id = ++lookupId;
    let answer = null;
    if (navigate) {
      settings.status.busy(t('placeAnswer.searching'));
    }
    try {
      answer = await settings.api.lookupPlace(text, 'lookup');
    } catch (error) {
      if (isAborted(error) || id !== lookupId) {
        return;
      }
    }
    if (id !== lookupId) {
      return;
    }
    if (answer?.status === 'found' && answer.match && navigate) {
      placeAnswer.hide();
      search({
        kind: 'point', lat: answer.match.lat, lon: answer.match.lon, place: text,
        origin: answer.match.source === 'nominatim' ? 'online' : 'place'
      });
      return;
    }
    if (answer && answer.status !== 'found') {
      placeAnswer.show(answer);
    } else {
      placeAnswer.hide();
    }
    if (navigate) {
      search({ kind: 'text', q: text });
    }
  }

  function onSubmit(event) {
    event.preventDefault();
    const text = placeInput.value.trim();
    const chosen = combobox.chosenSuggestion();
    if (chosen) {
      onSuggestionChosen(chosen);
    } else if (text) {
      combobox.dismiss();
      lookUp(text, { navigate: true });
    } else if (districtSelect.value) {
      search({ kind: 'district', district: districtSelect.value });
    } else {
      search({ kind: 'all' });
    }
  }

  function onDistrictChange() {
    combobox.setValue('');
    search(districtSelect.value ? { kind: 'district', district: districtSelect.value } : { kind: 'all' });
  }

  // Filters narrow the search that is on screen; they do not start a different kind of search.
  function onFilterChange() {
    const { kind, district, lat, lon, place, origin, q } = current;
    search({ kind, district, lat, lon, place, origin, q });
  }

  async function onUseLocation() {
    settings.status.busy(t('geo.locating'));
    try {
      const position = await locate();
      search({ kind: 'point', lat: position.lat, lon: position.lon, origin: 'location' });
    } catch (error) {
      settings.status.error(t(`geo.${error.reason ?? 'unavailable'}`), onUseLocation);
    }
  }

  // Show the search that is on screen (after Back, a reload or a shared link).
  function setState(search) {
    current = search;
    filters.setState(search.filters);
    districtSelect.value = search.kind === 'district' ? districtValue(search.district) : '';
    if (search.kind !== 'text') {
      lookupId += 1;
      placeAnswer.hide();
    } else if (placeAnswer.query() !== search.q) {
      // After Back or a reload: say again what is known about the text, without searching elsewhere.
      placeAnswer.hide();
      lookUp(search.q, { navigate: false });
    }
    if (search.kind === 'point') {
      combobox.setValue(search.place);
    } else if (search.kind === 'text') {
      combobox.setValue(search.q);
    } else {
      combobox.setValue('');
    }
  }

  function districtValue(value) {
    const match = districts.find((district) => String(district.number) === String(value)
      || String(district.roman).toUpperCase() === String(value).toUpperCase());
    return match ? String(match.number) : '';
  }

  function setDistricts(list) {
    districts = list.slice().sort((a, b) => a.number - b.number);
    districtsFailed = false;
    renderDistrictOptions();
    if (current.kind === 'district') {
      districtSelect.value = districtValue(current.district);
    }
  }

  function setDistrictsFailed() {
    districtsFailed = true;
    renderDistrictOptions();
  }

  function renderDistrictOptions() {
    const selected = districtSelect.value;
    const any = document.createElement('option');
    any.value = '';
    any.textContent = t('search.districtAny');
    const options = districtsFailed ? [failedOption()] : districts.map(function districtOption(district) {
      const option = document.createElement('option');
      option.value = String(district.number);
      option.textContent = t('search.districtOption', {
        roman: district.roman,
        name: district.name,
        count: district.clubCount ?? 0
      });
      return option;
    });
    districtSelect.replaceChildren(any, ...options);
    districtSelect.value = selected;
  }

  function failedOption() {
    const option = document.createElement('option');
    option.value = 'unavailable';
    option.disabled = true;
    option.textContent = t('search.districtsError');
    return option;
  }

  function updateTexts() {
    placeAnswer.render();
    renderDistrictOptions();
    filters.updateTexts();
  }

  function districtByNumber(value) {
    return districts.find((district) => String(district.number) === String(value)
      || String(district.roman).toUpperCase() === String(value).toUpperCase()) ?? null;
  }

  return { setState, setDistricts, setDistrictsFailed, updateTexts, districtByNumber, readFilters: filters.read };
}
