// The admin pages' Program.cs: translations, the session (who is signed in), the hash router
// and the views. Every view is `renderX(container, context)` and may return a cleanup function.

import { preferredLanguage, setLanguage, t, translateDocument } from './i18n.js';
import { createAdminApi } from './adminApi.js';
import { renderSignIn, renderSetPassword } from './signIn.js';
import { renderClubList } from './clubList.js';
import { renderClubEditor } from './clubEditor.js';
import { renderHistory } from './history.js';
import { renderOrganizations } from './organizations.js';
import { renderUsers } from './users.js';
import { renderImport } from './importView.js';
import { renderTokens } from './tokens.js';
import { renderSuggestionQueue, renderAcceptSuggestion } from './suggestionQueue.js';
import { renderCompleteness } from './completeness.js';
import { el } from './dom.js';

const view = document.getElementById('view');
const statusRegion = document.getElementById('page-status');
const alertRegion = document.getElementById('page-alert');
const nav = document.getElementById('admin-nav');
const whoami = document.getElementById('whoami');
const signOutButton = document.getElementById('sign-out');
const languageSelect = document.getElementById('lang-select');

let me = null;
let cleanup = null;
let afterSignIn = '#clubs';
let firstRoute = true;

const api = createAdminApi({
  onUnauthorized() {
    // The cookie expired or was revoked: ask to sign in again, then come back here.
    if (me) {
      me = null;
      showSession();
      afterSignIn = window.location.hash || '#clubs';
      navigate('#sign-in');
    }
  }
});

const context = {
  api,
  get me() {
    return me;
  },
  isAdmin: () => Boolean(me?.roles?.includes('Admin')),
  status: announce,
  // The editor replaces this while it is open.
  hasUnsavedChanges: () => false,
  alert: showAlert,
  navigate,
  async signedIn(user) {
    me = user;
    showSession();
    const target = afterSignIn && afterSignIn !== '#sign-in' ? afterSignIn : '#clubs';
    afterSignIn = '#clubs';
    navigate(target, { replace: true });
  }
};

function announce(text) {
  // Clearing first makes screen readers repeat an identical message ("Saved." twice).
  statusRegion.textContent = '';
  window.setTimeout(() => {
    statusRegion.textContent = text;
  }, 30);
}

function showAlert(text) {
  alertRegion.textContent = text || '';
  alertRegion.hidden = !text;
}

// Leaving the editor with unsaved edits asks first; staying puts the old address back.
let currentHash = window.location.hash;
function onHashChange() {
  if (context.hasUnsavedChanges() && !window.confirm(t('nav.discardEdits'))) {
    window.history.replaceState(null, '', currentHash);
    return;
  }
  currentHash = window.location.hash;
  route();
}

function navigate(hash, { replace = false } = {}) {
  if (window.location.hash === hash) {
    route();
  } else if (replace) {
    window.history.replaceState(null, '', hash);
    currentHash = hash;
    route();
  } else {
    window.location.hash = hash;
  }
}

function showSession() {
  const signedIn = Boolean(me);
  nav.hidden = !signedIn;
  whoami.hidden = !signedIn;
  signOutButton.hidden = !signedIn;
  for (const item of nav.querySelectorAll('[data-admin-only]')) {
    item.hidden = !context.isAdmin();
  }
  whoami.textContent = signedIn
    ? (me.organizationName ? t('whoami.operator', { email: me.email, organization: me.organizationName }) : t('whoami.admin', { email: me.email }))
    : '';
}

function parseHash() {
  const raw = window.location.hash.replace(/^#/, '');
  const [path, query = ''] = raw.split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query) };
}

function pickView(parts, params) {
  const [first, second, third] = parts;
  switch (first) {
    case 'completeness':
      return { name: 'completeness', render: (c, ctx) => renderCompleteness(c, ctx, params) };
    case 'suggestions':
      return third === 'accept'
        ? { name: 'suggestions', render: (c, ctx) => renderAcceptSuggestion(c, ctx, second) }
        : { name: 'suggestions', render: (c, ctx) => renderSuggestionQueue(c, ctx, params) };
    case undefined:
    case 'clubs':
      if (!second) {
        return { name: 'clubs', render: renderClubList };
      }
      if (second === 'new') {
        return { name: 'clubs', render: (c, ctx) => renderClubEditor(c, ctx, { slug: null }) };
      }
      if (third === 'history') {
        return { name: 'clubs', render: (c, ctx) => renderHistory(c, ctx, second) };
      }
      return { name: 'clubs', render: (c, ctx) => renderClubEditor(c, ctx, { slug: second }) };
    case 'organizations':
      return { name: 'organizations', render: renderOrganizations, adminOnly: true };
    case 'users':
      return { name: 'users', render: renderUsers, adminOnly: true };
    case 'import':
      return { name: 'import', render: renderImport, adminOnly: true };
    case 'tokens':
      return { name: 'tokens', render: renderTokens };
    default:
      return null;
  }
}

let routeGeneration = 0;

async function route() {
  const generation = ++routeGeneration;
  const { parts, params } = parseHash();
  if (typeof cleanup === 'function') {
    cleanup();
  }
  cleanup = null;
  context.hasUnsavedChanges = () => false;
  showAlert('');
  view.replaceChildren();

  let chosen;
  if (parts[0] === 'set-password') {
    chosen = { name: 'set-password', render: (c, ctx) => renderSetPassword(c, ctx, params) };
  } else if (!me || parts[0] === 'sign-in') {
    if (me && parts[0] === 'sign-in') {
      navigate('#clubs', { replace: true });
      return;
    }
    if (parts[0] !== 'sign-in') {
      afterSignIn = window.location.hash || '#clubs';
    }
    chosen = { name: 'sign-in', render: renderSignIn };
  } else {
    chosen = pickView(parts, params);
    if (chosen?.adminOnly && !context.isAdmin()) {
      chosen = { name: 'forbidden', render: renderForbidden };
    }
    chosen ??= { name: 'not-found', render: renderNotFound };
  }

  for (const link of nav.querySelectorAll('[data-route-link]')) {
    if (link.dataset.routeLink === chosen.name) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  // Each navigation renders into its own container: a slower view that finishes after the user has
  // moved on writes into a detached element instead of over the current view.
  const container = document.createElement('div');
  view.replaceChildren(container);
  const done = await chosen.render(container, context);
  if (generation !== routeGeneration) {
    if (typeof done === 'function') {
      done();
    }
    return;
  }
  cleanup = done;
  // On the first page load focus stays at the top of the document, as on any page.
  focusHeading({ move: !firstRoute });
  firstRoute = false;
}

// After every navigation focus moves to the new view's heading, so keyboard and screen reader
// users start reading where the page changed.
function focusHeading({ move }) {
  const heading = view.querySelector('h1');
  if (heading) {
    heading.tabIndex = -1;
    if (move) {
      heading.focus({ preventScroll: false });
    }
    document.title = `${heading.textContent} — ClubFinder`;
  }
}

function renderForbidden(container) {
  container.append(el('h1', { text: t('forbidden.heading') }), el('p', { text: t('forbidden.adminOnly') }));
}

function renderNotFound(container) {
  container.append(el('h1', { text: t('notFound.heading') }), el('p', {}, el('a', { href: '#clubs', text: t('nav.clubs') })));
}

async function onSignOut() {
  try {
    await api.logout();
  } catch {
    // Signed out locally either way; the cookie expires on its own.
  }
  me = null;
  showSession();
  announce(t('signIn.signedOut'));
  navigate('#sign-in');
}

async function onLanguageChange() {
  // The view is drawn again in the new language, so unsaved edits would be lost: ask first.
  if (context.hasUnsavedChanges() && !window.confirm(t('lang.discardEdits'))) {
    languageSelect.value = document.documentElement.lang;
    return;
  }
  await setLanguage(languageSelect.value, { remember: true });
  translateDocument();
  showSession();
  route();
}

async function start() {
  await setLanguage(preferredLanguage());
  languageSelect.value = document.documentElement.lang;
  translateDocument();
  try {
    me = await api.me();
  } catch {
    me = null;
  }
  showSession();
  signOutButton.addEventListener('click', onSignOut);
  languageSelect.addEventListener('change', onLanguageChange);
  window.addEventListener('hashchange', onHashChange);
  await route();
  document.body.dataset.ready = 'true';
}

start();
