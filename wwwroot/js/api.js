// The ClubFinder HTTP API: one fetch wrapper with a timeout, problem+json errors and
// per-channel cancellation so that a newer search always wins over an older, slower one.

export const DEFAULTS = {
  baseUrl: '',
  timeout: 10000,
  language: () => document.documentElement.lang || 'pl'
};

// kind: 'http' (the server answered with an error), 'network', 'timeout' or 'aborted'
// (superseded by a newer request on the same channel; callers ignore those).
export class ApiError extends Error {
  constructor(message, { kind = 'http', status = 0, title = '', detail = '', errors = null } = {}) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
  }
}

export function isAborted(error) {
  return error instanceof ApiError && error.kind === 'aborted';
}

const DEFAULT_CONFIG = { tileUrl: '', tileAttribution: '', center: { lat: 50.0614, lon: 19.9366 }, zoom: 11 };

export function createApi(options) {
  const settings = { ...DEFAULTS, ...options };
  const inFlight = new Map();

  function buildUrl(path, params) {
    const url = new URL(settings.baseUrl + path, window.location.origin);
    for (const [name, value] of Object.entries(params ?? {})) {
      if (value !== undefined && value !== null && value !== '' && value !== false) {
        url.searchParams.set(name, String(value));
      }
    }
    return url;
  }

  function cancel(channel) {
    const controller = inFlight.get(channel);
    if (controller) {
      inFlight.delete(channel);
      controller.abort();
    }
  }

  async function request(path, params, { channel } = {}) {
    if (channel) {
      cancel(channel);
    }
    const controller = new AbortController();
    if (channel) {
      inFlight.set(channel, controller);
    }
    let timedOut = false;
    const timer = window.setTimeout(function onTimeout() {
      timedOut = true;
      controller.abort();
    }, settings.timeout);

    try {
      const response = await fetch(buildUrl(path, params), {
        headers: {
          Accept: 'application/json, application/problem+json',
          'Accept-Language': settings.language()
        },
        signal: controller.signal
      });
      if (!response.ok) {
        throw await problemFrom(response);
      }
      return await response.json();
    } catch (error) {
      if (error instanceof ApiError) {
        throw error;
      }
      if (timedOut) {
        throw new ApiError('The server did not answer in time.', { kind: 'timeout' });
      }
      if (controller.signal.aborted) {
        throw new ApiError('Superseded by a newer request.', { kind: 'aborted' });
      }
      if (error instanceof SyntaxError) {
        throw new ApiError('The server sent an unreadable answer.', { kind: 'http', status: 502 });
      }
      throw new ApiError(error.message || 'Network error', { kind: 'network' });
    } finally {
      window.clearTimeout(timer);
      if (channel && inFlight.get(channel) === controller) {
        inFlight.delete(channel);
      }
    }
  }

  return {
    cancel,
    // Without /api/config the map has no tiles and no coverage figure; everything else works.
    getConfigOrDefaults: async () => ({ ...DEFAULT_CONFIG, ...(await request('/api/config').catch(() => ({}))) }),
    getDistricts: () => request('/api/districts'),
    getDistrictShapes: () => request('/api/districts.geojson'),
    getClubs: (query, channel) => request('/api/clubs', query, { channel }),
    getNearest: (query, channel) => request('/api/clubs/nearest', query, { channel }),
    getClub: (slug, channel) => request(`/api/clubs/${encodeURIComponent(slug)}`, null, { channel }),
    locateDistrict: (lat, lon) => request('/api/districts/locate', { lat, lon }),
    searchPlaces: (q, limit, channel) => request('/api/places', { q, limit }, { channel }),
    // An explicit search (Enter): the only request that may reach the online geocoder.
    lookupPlace: (q, channel) => request('/api/places/lookup', { q }, { channel }),
    getUpcoming: (query, channel) => request('/api/sessions/upcoming', query, { channel }),
    // Without from/to the server's own "today" and two weeks: the page never trusts the device's clock.
    getOccurrences: (slug, channel) => request(`/api/clubs/${encodeURIComponent(slug)}/occurrences`, null, { channel }),
    calendarUrl: (slug) => buildUrl(`/api/clubs/${encodeURIComponent(slug)}/calendar.ics`).pathname
  };
}

// RFC 9457 problem details carry a human title and detail; keep both for the message.
async function problemFrom(response) {
  let problem = {};
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      problem = await response.json();
    } catch {
      problem = {};
    }
  }
  const title = typeof problem.title === 'string' ? problem.title : '';
  const detail = typeof problem.detail === 'string' ? problem.detail : '';
  return new ApiError(detail || title || `HTTP ${response.status}`, {
    kind: 'http',
    status: response.status,
    title,
    detail,
    errors: problem.errors && typeof problem.errors === 'object' ? problem.errors : null
  });
}
