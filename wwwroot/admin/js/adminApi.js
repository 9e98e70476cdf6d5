// The admin API: cookie sign-in, the antiforgery header on every unsafe request, ETags, and
// problem+json errors (with `errors` for fields and `current` for 412 conflicts).

export class ProblemError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ProblemError';
    this.status = status;
    this.title = problem.title || '';
    this.detail = problem.detail || '';
    this.errors = problem.errors && typeof problem.errors === 'object' ? problem.errors : null;
    this.current = problem.current ?? null;
    this.etag = problem.etag ?? null;
  }
}

export const DEFAULTS = {
  timeout: 20000,
  language: () => document.documentElement.lang || 'pl',
  onUnauthorized() {}
};

export function createAdminApi(options) {
  const settings = { ...DEFAULTS, ...options };
  let csrf = null;

  async function loadAntiforgery() {
    const answer = await send('GET', '/api/auth/antiforgery');
    csrf = answer.body;
    return csrf;
  }

  async function send(method, path, { json, body, contentType, headers = {}, allowUnauthorized = false } = {}) {
    const controller = new AbortController();
    const timer = window.setTimeout(() => controller.abort(), settings.timeout);
    const unsafe = !['GET', 'HEAD'].includes(method);
    if (unsafe && !csrf && !path.startsWith('/api/auth/login') && !path.startsWith('/api/auth/set-password')) {
      await loadAntiforgery();
    }
    const requestHeaders = {
      Accept: 'application/json, application/problem+json',
      'Accept-Language': settings.language(),
      ...headers
    };
    if (json !== undefined) {
      requestHeaders['Content-Type'] = 'application/json';
    } else if (contentType) {
      requestHeaders['Content-Type'] = contentType;
    }
    if (unsafe && csrf) {
      requestHeaders[csrf.headerName || 'X-CSRF-TOKEN'] = csrf.token;
    }
    let response;
    try {
      response = await fetch(path, {
        method,
        headers: requestHeaders,
        body: json !== undefined ? JSON.stringify(json) : body,
        credentials: 'same-origin',
        cache: 'no-store',
        signal: controller.signal
      });
    } catch (error) {
      throw new ProblemError(0, { detail: controller.signal.aborted ? 'timeout' : 'network', title: error.message });
    } finally {
      window.clearTimeout(timer);
    }
    const type = response.headers.get('Content-Type') || '';
    let payload = null;
    if (type.includes('json')) {
      try {
        payload = await response.json();
      } catch {
        payload = null;
      }
    }
    if (!response.ok) {
      const problem = payload && typeof payload === 'object' ? payload : {};
      const error = new ProblemError(response.status, { ...problem, etag: response.headers.get('ETag') });
      if (response.status === 401 && !allowUnauthorized) {
        settings.onUnauthorized(error);
      }
      throw error;
    }
    return { body: payload, etag: response.headers.get('ETag'), status: response.status };
  }

  const get = async (path) => (await send('GET', path)).body;
  const slugPath = (slug) => `/api/admin/clubs/${encodeURIComponent(slug)}`;

  return {
    async login(email, password) {
      const answer = await send('POST', '/api/auth/login', { json: { email, password }, allowUnauthorized: true });
      csrf = null;
      await loadAntiforgery();
      return answer.body;
    },
    async logout() {
      try {
        await send('POST', '/api/auth/logout', { allowUnauthorized: true });
      } finally {
        csrf = null;
      }
    },
    setPassword: (email, token, password) =>
      send('POST', '/api/auth/set-password', { json: { email, token, password }, allowUnauthorized: true }),
    me: async () => (await send('GET', '/api/admin/me', { allowUnauthorized: true })).body,
    listClubs: () => get('/api/admin/clubs'),
    getClub: (slug) => send('GET', slugPath(slug)),
    saveClub: (slug, doc, etag) => send('PUT', slugPath(slug), { json: doc, headers: { 'If-Match': etag } }),
    createClub: (doc) => send('POST', '/api/admin/clubs', { json: doc }),
    history: (slug) => get(`${slugPath(slug)}/history`),
    organizations: () => get('/api/admin/organizations'),
    createOrganization: (org) => send('POST', '/api/admin/organizations', { json: org }),
    users: () => get('/api/admin/users'),
    inviteUser: (invite) => send('POST', '/api/admin/users', { json: invite }),
    resetAccess: (id) => send('POST', `/api/admin/users/${encodeURIComponent(id)}/reset`),
    tokens: () => get('/api/admin/tokens'),
    createToken: (name, expiresInDays) => send('POST', '/api/admin/tokens', { json: { name, expiresInDays } }),
    revokeToken: (id) => send('DELETE', `/api/admin/tokens/${encodeURIComponent(id)}`),
    importClubs(csv, { mode, previewHash, skipInvalid }) {
      const query = new URLSearchParams({ mode });
      if (previewHash) {
        query.set('previewHash', previewHash);
      }
      if (skipInvalid) {
        query.set('skipInvalid', 'true');
      }
      return send('POST', `/api/admin/import/clubs?${query}`, { body: csv, contentType: 'text/csv' });
    },
    completeness: ({ operator }) => get(`/api/admin/completeness${operator ? `?${new URLSearchParams({ operator })}` : ''}`),
    suggestions: ({ status, club }) => get(`/api/admin/suggestions?${new URLSearchParams(club ? { status, club } : { status })}`),
    suggestion: (id) => get(`/api/admin/suggestions/${encodeURIComponent(id)}`),
    dismissSuggestion: (id, reason) => send('POST', `/api/admin/suggestions/${encodeURIComponent(id)}/dismiss`, { json: { reason } }),
    acceptCorrection: (id, doc, etag) => send('PUT', `/api/admin/suggestions/${encodeURIComponent(id)}/club`, { json: doc, headers: { 'If-Match': etag } }),
    acceptMissingClub: (id, doc) => send('POST', `/api/admin/suggestions/${encodeURIComponent(id)}/club`, { json: doc }),
    places: (q) => get(`/api/places?${new URLSearchParams({ q, limit: '8' })}`),
    config: () => get('/api/config'),
    districtShapes: () => get('/api/districts.geojson')
  };
}
