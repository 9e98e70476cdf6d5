// Every view has a URL: /?district=8, /?lat=..&lon=..&place=.., /?q=.., /clubs/{slug}, with the
// filters as further parameters; "starting soon" near a point is /?lat=..&lon=..&view=soon.
// Each new search is a history entry, so Back walks through them.

export const DEFAULTS = {
  onChange() {}
};

const EMPTY_FILTERS = Object.freeze({ operatorType: '', openNow: false, day: '', specialNeeds: false });

export function emptyFilters() {
  return { ...EMPTY_FILTERS };
}

export function createSearch(fields = {}) {
  return {
    kind: 'all',
    district: '',
    lat: null,
    lon: null,
    place: '',
    origin: '',
    q: '',
    ...fields,
    filters: { ...EMPTY_FILTERS, ...(fields.filters ?? {}) }
  };
}

export function parseLocation(location, state) {
  const params = new URLSearchParams(location.search);
  const filters = {
    operatorType: params.get('operatorType') ?? '',
    openNow: params.get('openNow') === 'true',
    day: params.get('day') ?? '',
    specialNeeds: params.get('specialNeeds') === 'true'
  };

  let search;
  if (params.has('lat') && params.has('lon')) {
    search = createSearch({
      kind: 'point',
      lat: Number(params.get('lat')),
      lon: Number(params.get('lon')),
      place: params.get('place') ?? '',
      // Only this browser knows that the point was "my location"; a shared link stays neutral.
      origin: state?.origin ?? '',
      filters
    });
  } else if (params.get('district')) {
    search = createSearch({ kind: 'district', district: params.get('district'), filters });
  } else if (params.get('q')) {
    search = createSearch({ kind: 'text', q: params.get('q'), filters });
  } else {
    search = createSearch({ filters });
  }

  const clubMatch = /^\/clubs\/([^/]+)\/?$/.exec(location.pathname);
  if (clubMatch) {
    return {
      view: 'club',
      slug: safeDecode(clubMatch[1]),
      search: state?.search ? createSearch(state.search) : search,
      fromResults: Boolean(state?.fromResults)
    };
  }
  if (params.get('view') === 'soon' && search.kind === 'point') {
    return { view: 'soon', slug: '', search, fromResults: false };
  }
  return { view: 'results', slug: '', search, fromResults: false };
}

export function searchToQueryString(search) {
  const params = new URLSearchParams();
  if (search.kind === 'district') {
    params.set('district', search.district);
  } else if (search.kind === 'point') {
    params.set('lat', roundCoordinate(search.lat));
    params.set('lon', roundCoordinate(search.lon));
    if (search.place) {
      params.set('place', search.place);
    }
  } else if (search.kind === 'text') {
    params.set('q', search.q);
  }
  const { operatorType, openNow, day, specialNeeds } = search.filters;
  if (operatorType) {
    params.set('operatorType', operatorType);
  }
  if (openNow) {
    params.set('openNow', 'true');
  }
  if (day) {
    params.set('day', day);
  }
  if (specialNeeds) {
    params.set('specialNeeds', 'true');
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function routeToUrl(route) {
  if (route.view === 'club') {
    return `/clubs/${encodeURIComponent(route.slug)}`;
  }
  const query = searchToQueryString(route.search);
  if (route.view === 'soon') {
    return `/${query}${query ? '&' : '?'}view=soon`;
  }
  return `/${query}`;
}

// Same search, ignoring how we got there: used to skip a refetch when only the view changes.
export function searchKey(search) {
  return searchToQueryString(search) || '?';
}

// About 10 m: enough for walking distances, short enough to read and share.
function roundCoordinate(value) {
  return Number.isFinite(value) ? String(Math.round(value * 1e4) / 1e4) : String(value);
}

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function createRouter(options) {
  const settings = { ...DEFAULTS, ...options };

  function current() {
    return parseLocation(window.location, window.history.state);
  }

  function onPopState() {
    settings.onChange(current(), { source: 'pop' });
  }

  function start() {
    window.addEventListener('popstate', onPopState);
    settings.onChange(current(), { source: 'load' });
  }

  function navigate(route, { replace = false } = {}) {
    const state = {
      origin: route.search.kind === 'point' ? route.search.origin : '',
      search: route.view === 'club' ? route.search : null,
      fromResults: route.view === 'club' && Boolean(route.fromResults)
    };
    const url = routeToUrl(route);
    if (replace) {
      window.history.replaceState(state, '', url);
    } else {
      window.history.pushState(state, '', url);
    }
    settings.onChange(current(), { source: replace ? 'replace' : 'push' });
  }

  function back() {
    window.history.back();
  }

  return { start, current, navigate, back };
}
