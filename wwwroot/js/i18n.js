// Translations and locale-aware formatting. Strings live in /i18n/{lang}.json; every visible
// text on the page goes through t() so that the three languages stay complete.

export const DEFAULTS = {
  languages: ['pl', 'en', 'uk'],
  fallback: 'pl',
  storageKey: 'clubfinder.lang',
  basePath: '/i18n/'
};

const settings = { ...DEFAULTS };

// Another page (the admin pages) reuses this module with its own catalogues, languages and
// remembered choice; call before the first setLanguage().
export function configureI18n(options) {
  Object.assign(settings, options);
}
const catalogs = new Map();
const loading = new Map();
let current = DEFAULTS.fallback;

export function currentLanguage() {
  return current;
}

// The remembered choice wins; Polish is the default for everyone else.
// A link's ?lang= (as the server-rendered club and about pages honour it) wins over a remembered choice.
export function preferredLanguage() {
  const linked = new URLSearchParams(window.location.search).get('lang');
  if (settings.languages.includes(linked)) {
    return linked;
  }
  let stored = null;
  try {
    stored = window.localStorage.getItem(settings.storageKey);
  } catch {
    // Storage can be disabled (private mode, embedded frames); the default still works.
  }
  return settings.languages.includes(stored) ? stored : settings.fallback;
}

let requests = 0;

// remember: only an explicit choice in the language switcher is stored.
// When two choices overlap (the page's start and a quick pick in the switcher), the later one
// wins even if its catalogue arrives first.
export async function setLanguage(lang, { remember = false } = {}) {
  const wanted = settings.languages.includes(lang) ? lang : settings.fallback;
  const request = ++requests;
  await Promise.all([loadCatalog(settings.fallback), loadCatalog(wanted)]);
  if (request !== requests) {
    return current;
  }
  current = wanted;
  document.documentElement.lang = wanted;
  if (remember) {
    try {
      window.localStorage.setItem(settings.storageKey, wanted);
    } catch {
      // Not remembering the language is acceptable.
    }
  }
  return wanted;
}

// One request per catalogue, even when two callers ask at once (the fallback and the choice).
function loadCatalog(lang) {
  if (!loading.has(lang)) {
    const request = fetchCatalog(lang).then((catalog) => catalogs.set(lang, catalog));
    loading.set(lang, request);
    request.catch(() => loading.delete(lang));
  }
  return loading.get(lang);
}

async function fetchCatalog(lang) {
  // A plain request, so that the page's <link rel=preload> of the Polish catalogue is reused.
  const response = await fetch(`${settings.basePath}${lang}.json`);
  if (!response.ok) {
    throw new Error(`Cannot load translations for ${lang} (${response.status})`);
  }
  return response.json();
}

function lookup(lang, key) {
  const catalog = catalogs.get(lang);
  return catalog ? catalog[key] : undefined;
}

// t('status.found', { count: 3 }) picks the plural form ("one", "few", "many", "other")
// from Intl.PluralRules, which is what Polish and Ukrainian need.
export function t(key, params = {}) {
  let entry = lookup(current, key);
  if (entry === undefined) {
    entry = lookup(settings.fallback, key);
  }
  if (entry === undefined) {
    return key;
  }
  if (typeof entry === 'object' && entry !== null) {
    const category = typeof params.count === 'number'
      ? new Intl.PluralRules(current).select(params.count)
      : 'other';
    entry = entry[category] ?? entry.other ?? '';
  }
  return entry.replace(/\{(\w+)\}/g, (match, name) => {
    if (!(name in params)) {
      return match;
    }
    const value = params[name];
    return typeof value === 'number' ? formatNumber(value) : String(value);
  });
}

// Fills [data-i18n] elements and [data-i18n-attr="attr:key,attr:key"] attributes.
export function translateDocument(root = document) {
  for (const element of root.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of element.dataset.i18nAttr.split(',')) {
      const [attribute, key] = pair.split(':').map((part) => part.trim());
      element.setAttribute(attribute, t(key));
    }
  }
}

export function formatNumber(value, options) {
  return new Intl.NumberFormat(current, options).format(value);
}

// "350 m" below a kilometre (rounded to 10 m), "1,2 km" above, in the language's own units.
export function formatDistance(meters) {
  if (typeof meters !== 'number' || !Number.isFinite(meters)) {
    return '';
  }
  const rounded = Math.max(10, Math.round(meters / 10) * 10);
  if (rounded < 1000) {
    return formatNumber(rounded, { style: 'unit', unit: 'meter', unitDisplay: 'short' });
  }
  return formatNumber(meters / 1000, {
    style: 'unit',
    unit: 'kilometer',
    unitDisplay: 'short',
    minimumFractionDigits: meters < 10000 ? 1 : 0,
    maximumFractionDigits: meters < 10000 ? 1 : 0
  });
}

export function formatMinutes(minutes) {
  return formatNumber(Math.max(1, Math.round(minutes)), { style: 'unit', unit: 'minute', unitDisplay: 'short' });
}

// "YYYY-MM-DD" is a calendar date, not an instant: build it in local time so that no
// time-zone shift can move it to the previous day.
export function parseLocalDate(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(text ?? '');
  if (!match) {
    return null;
  }
  const [, year, month, day, hour = '0', minute = '0'] = match;
  return new Date(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute));
}

export function formatDate(text, options = { dateStyle: 'long' }) {
  const date = parseLocalDate(text);
  return date ? new Intl.DateTimeFormat(current, options).format(date) : '';
}

// The API's local date-times (Europe/Warsaw wall time) are shown as they are.
export function formatDateTime(text) {
  const date = parseLocalDate(text);
  if (!date) {
    return '';
  }
  return new Intl.DateTimeFormat(current, {
    weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  }).format(date);
}

// ISO weekday 1 (Monday) ... 7 (Sunday); 1 January 2024 was a Monday.
export function weekdayName(isoWeekday, style = 'long') {
  const date = new Date(2024, 0, isoWeekday);
  return capitalize(new Intl.DateTimeFormat(current, { weekday: style }).format(date));
}

export function capitalize(text) {
  return text ? text.charAt(0).toLocaleUpperCase(current) + text.slice(1) : text;
}

export function formatList(items) {
  return new Intl.ListFormat(current, { style: 'long', type: 'conjunction' }).format(items);
}

// The server decides which languages it offers; the switcher shows only those it has.
export function limitLanguages(select, languages) {
  if (!Array.isArray(languages) || languages.length === 0) {
    return;
  }
  for (const option of select.options) {
    option.hidden = !languages.includes(option.value) && option.value !== currentLanguage();
  }
}
