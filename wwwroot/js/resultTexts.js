// What a search's answer says in words: the list's title and the line under it, the status
// line's count, and the "nothing here — the nearest are …" fallback. Pure functions of the
// search, the answer and the district list, shared by the page and the embed.

import { t } from './i18n.js';
import { hasFilters } from './searchShared.js';

const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII'];

// The clubs the list and the map show: the answer, or the nearest ones when it is empty.
export function shownItems(result) {
  return result.items.length === 0 && result.fallback?.items.length ? result.fallback.items : result.items;
}

// Clubs the API has that are not loaded yet (a list longer than one page).
export function remainingCount(result) {
  return result && result.items.length > 0 ? Math.max(0, (result.total ?? 0) - result.items.length) : 0;
}

// "Open now" and a day match only clubs with a published timetable: say so when nothing matches.
export function emptyKey(filters, search = null) {
  if (search?.kind === 'text' && !hasFilters(filters)) {
    return 'results.emptyText';
  }
  if (filters.openNow || filters.day) {
    return 'results.emptyScheduleFiltered';
  }
  return hasFilters(filters) ? 'results.emptyFiltered' : 'results.empty';
}

export function districtLabel(search, result, districtByNumber) {
  const district = districtByNumber(search.district);
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

export function resultsTitle(search, result, districtByNumber) {
  if (result && result.items.length === 0 && result.fallback?.items.length) {
    return fallbackTexts(search, result, districtByNumber).title;
  }
  switch (search.kind) {
    case 'district':
      return t('results.titleDistrict', { district: districtLabel(search, result, districtByNumber) });
    case 'point':
      return t('results.titleNearest');
    case 'text':
      return t('results.titleText', { q: search.q });
    default:
      return t('results.titleAll');
  }
}

// "No club in VIII Dębniki yet — the nearest are …": the heading and the note under it.
function fallbackTexts(search, result, districtByNumber) {
  const fallback = result.fallback;
  if (search.kind === 'district') {
    const district = districtLabel(search, result, districtByNumber);
    return {
      title: t(fallback.filtered ? 'fallback.titleDistrictFiltered' : 'fallback.titleDistrict', { district }),
      note: t('fallback.fromDistrict', { district: fallback.origin?.district?.name ?? district })
    };
  }
  return { title: t('fallback.titleFilters'), note: originText(search, result) };
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

// The list's texts for list.render(), and whether the reason for an empty answer stays visible.
export function listTexts(search, result, districtByNumber) {
  const emptyText = search.kind === 'text' ? t(emptyKey(search.filters, search), { q: search.q }) : t(emptyKey(search.filters));
  if (result.items.length === 0 && result.fallback?.items.length) {
    const texts = fallbackTexts(search, result, districtByNumber);
    // Why nothing matched stays visible under the nearest clubs when filters were the cause.
    return { title: texts.title, origin: texts.note, emptyText, keepEmptyNote: hasFilters(search.filters) };
  }
  return { title: resultsTitle(search, result, districtByNumber), origin: originText(search, result), emptyText, keepEmptyNote: false };
}

export function countText(search, result, districtByNumber) {
  if (!result) {
    return '';
  }
  const count = result.items.length;
  if (count === 0 && result.fallback?.items.length) {
    if (search.kind === 'district' && !hasFilters(search.filters)) {
      return t('fallback.status', { district: districtLabel(search, result, districtByNumber), count: result.fallback.items.length });
    }
    return t(emptyKey(search.filters, search));
  }
  if (count === 0) {
    return t(emptyKey(search.filters, search), { q: search.q });
  }
  return t(search.kind === 'point' ? 'status.foundNearest' : 'status.found', { count: Math.max(count, result.total ?? 0) });
}

export function mapOptions(search, result = null) {
  const fallbackOrigin = result?.fallback?.items.length && search.kind === 'district' ? result.fallback.origin : null;
  return {
    origin: search.kind === 'point' && Number.isFinite(search.lat) && Number.isFinite(search.lon)
      ? { lat: search.lat, lon: search.lon }
      : fallbackOrigin,
    district: search.kind === 'district' ? search.district : null
  };
}
