// The coverage endpoints. Several candidate sites go in one request as repeated lat=&lon=,
// which the finder's api.js (one value per name) does not build; errors keep its ApiError shape.

import { ApiError } from '../api.js';

export const DEFAULTS = {
  timeout: 15000
};

export function createCoverageApi(options) {
  const settings = { ...DEFAULTS, ...options };

  async function request(path, query) {
    const controller = new AbortController();
    const timer = window.setTimeout(function onTimeout() {
      controller.abort();
    }, settings.timeout);
    let response;
    try {
      response = await fetch(path + (query ? `?${query}` : ''), {
        headers: { Accept: 'application/json, application/problem+json' },
        signal: controller.signal
      });
    } catch (error) {
      throw new ApiError(error.message || 'Network error', { kind: controller.signal.aborted ? 'timeout' : 'network' });
    } finally {
      window.clearTimeout(timer);
    }
    if (!response.ok) {
      let problem = {};
      try {
        problem = await response.json();
      } catch {
        problem = {};
      }
      throw new ApiError(problem.detail || problem.title || `HTTP ${response.status}`, {
        status: response.status,
        title: typeof problem.title === 'string' ? problem.title : '',
        detail: typeof problem.detail === 'string' ? problem.detail : '',
        errors: problem.errors && typeof problem.errors === 'object' ? problem.errors : null
      });
    }
    return response.json();
  }

  return {
    getCoverage: () => request('/api/coverage'),
    getAreas: () => request('/api/coverage/areas.geojson'),
    getDistrictShapes: () => request('/api/districts.geojson'),
    getClubs: () => request('/api/clubs.geojson'),
    getConfig: () => request('/api/config'),
    getSites(sites) {
      const query = new URLSearchParams();
      for (const site of sites) {
        query.append('lat', site.lat.toFixed(6));
        query.append('lon', site.lon.toFixed(6));
      }
      return request('/api/coverage/site', query.toString());
    }
  };
}
