// The tiles' attribution as text and safe links only (never parsed as HTML).

import { t } from './i18n.js';

// The attribution comes from /api/config and usually holds a link ("&copy; <a href=..>OSM</a>").
// Leaflet would put it in innerHTML; instead keep only text and http(s) links, without ever
// handing the string to an HTML parser.
export function createAttributionControl(attributionHtml) {
  const AttributionControl = L.Control.extend({
    options: { position: 'bottomright' },
    onAdd() {
      this._container = L.DomUtil.create('div', 'leaflet-control-attribution leaflet-control map-attribution');
      L.DomEvent.disableClickPropagation(this._container);
      this.updateTexts();
      return this._container;
    },
    updateTexts() {
      const container = this._container;
      if (!container) {
        return;
      }
      container.replaceChildren();
      container.appendChild(safeLink('https://leafletjs.com', 'Leaflet'));
      const parts = parseAttribution(attributionHtml);
      if (parts.length > 0) {
        const separator = document.createElement('span');
        separator.setAttribute('aria-hidden', 'true');
        separator.textContent = ' | ';
        container.appendChild(separator);
        container.append(...parts);
      }
    }
  });
  return new AttributionControl();
}

const LINK_PATTERN = /<a\s[^>]*?href\s*=\s*(["'])(.*?)\1[^>]*>(.*?)<\/a\s*>/gis;
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '\u00a9' };

function plainText(fragment) {
  return fragment
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, function decodeEntity(match, name) {
      if (name[0] === '#') {
        const code = name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
      }
      return ENTITIES[name.toLowerCase()] ?? match;
    });
}

function parseAttribution(html) {
  if (!html) {
    return [];
  }
  const text = String(html);
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(LINK_PATTERN)) {
    parts.push(document.createTextNode(plainText(text.slice(last, match.index))));
    parts.push(safeLink(plainText(match[2]), plainText(match[3])));
    last = match.index + match[0].length;
  }
  parts.push(document.createTextNode(plainText(text.slice(last))));
  return parts.filter((part) => part.textContent !== '');
}

function safeLink(href, text) {
  let url = null;
  try {
    url = new URL(href, window.location.origin);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return document.createTextNode(text);
  }
  const link = document.createElement('a');
  link.href = url.href;
  link.rel = 'noopener';
  link.target = '_blank';
  link.textContent = text;
  return link;
}
