// A search's answer from the API: clubs in a district, matching a text or nearest to a point,
// with the filters applied by the server; when nothing matches, the nearest clubs anyway.
// Long lists come a page at a time (fetchMore).

import { hasFilters, filterParams } from './searchShared.js';

const NEAREST_LIMIT = 50;
// When a search finds no club, this many nearest clubs are shown anyway, with their distance.
const FALLBACK_LIMIT = 3;
const byName = new Intl.Collator('pl', { sensitivity: 'base', numeric: true });

export async function fetchResults(api, search) {
  const filters = filterParams(search.filters);
  if (search.kind === 'point') {
    const point = { lat: search.lat, lon: search.lon };
    const nearest = await api.getNearest({ ...point, ...filters, limit: NEAREST_LIMIT }, 'search');
    const items = Array.isArray(nearest.items) ? nearest.items : [];
    // Nothing matches the filters anywhere: the nearest clubs without them, said so.
    const fallback = items.length === 0 && hasFilters(search.filters) ? await fetchFallback(api, point, false) : null;
    return { items, origin: { district: nearest.origin?.district ?? null }, fallback };
  }
  const query = { ...filters };
  if (search.kind === 'district') {
    query.district = search.district;
  } else if (search.kind === 'text') {
    query.q = search.q;
  }
  const response = await api.getClubs(query, 'search');
  const items = (Array.isArray(response.items) ? response.items : []).slice().sort((a, b) => byName.compare(a.name, b.name));
  // The API answers a page at a time: total counts every match, and the rest comes with fetchMore().
  const total = Number.isFinite(response.total) ? Math.max(response.total, items.length) : items.length;
  let fallback = null;
  if (items.length === 0 && search.kind === 'district') {
    // An empty district still has clubs nearby: with the filters first, then without them.
    fallback = await fetchFallback(api, { district: search.district, ...filters }, hasFilters(search.filters));
    if (fallback.items.length === 0 && hasFilters(search.filters)) {
      fallback = await fetchFallback(api, { district: search.district }, false);
    }
  }
  return { items, origin: null, fallback, total, query };
}

// The next page of a district or text search, merged into the clubs already shown (in name order).
export async function fetchMore(api, result) {
  const response = await api.getClubs({ ...result.query, offset: result.items.length }, 'search-more');
  const known = new Set(result.items.map((club) => club.slug));
  const more = (Array.isArray(response.items) ? response.items : []).filter((club) => !known.has(club.slug));
  const items = result.items.concat(more).sort((a, b) => byName.compare(a.name, b.name));
  // Nothing new (the list changed meanwhile): what is shown is all there is.
  const total = more.length === 0 || !Number.isFinite(response.total) ? items.length : Math.max(response.total, items.length);
  return { ...result, items, total };
}

async function fetchFallback(api, query, filtered) {
  const nearest = await api.getNearest({ ...query, limit: FALLBACK_LIMIT }, 'search');
  return { items: Array.isArray(nearest.items) ? nearest.items : [], origin: nearest.origin ?? null, filtered };
}
