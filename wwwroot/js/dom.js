// Small DOM builders shared by the finder's modules: text always goes in as text, links only to http(s).

import { t } from './i18n.js';

// Only http(s) links from the API become hrefs: "javascript:" and friends never do.
export function safeHttpUrl(value) {
  if (!value) {
    return null;
  }
  try {
    const url = new URL(String(value));
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

export function displayUrl(url) {
  const text = `${url.hostname}${url.pathname === '/' ? '' : url.pathname}`;
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

export function link(href, text) {
  const anchor = element('a', '', text);
  anchor.href = href;
  return anchor;
}

export function externalLink(href, text) {
  const anchor = link(href, text);
  anchor.target = '_blank';
  anchor.rel = 'noopener';
  anchor.appendChild(element('span', 'visually-hidden', ` (${t('common.newTab')})`));
  return anchor;
}

export function element(name, className = '', text = null, child = null) {
  const node = document.createElement(name);
  if (className) {
    node.className = className;
  }
  if (text !== null && text !== undefined) {
    node.textContent = text;
  }
  if (child) {
    node.appendChild(child);
  }
  return node;
}

// The finder's elements, by the ids the one page template (index.html, also served as /embed) gives them.
export function finderElements() {
  const byId = (id) => document.getElementById(id);
  return {
    form: byId('search-form'),
    status: byId('result-count'),
    retry: byId('retry-button'),
    results: byId('results-section'),
    resultsHeading: byId('results-heading'),
    details: byId('club-details'),
    map: byId('map'),
    mapCentre: byId('search-map-centre'),
    legend: byId('legend-list'),
    toggle: byId('view-toggle'),
    language: byId('lang-select')
  };
}
