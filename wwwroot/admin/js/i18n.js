// Translations for the admin pages: strings in /i18n/admin.{pl,en}.json, plural forms from
// Intl.PluralRules, dates and weekdays from Intl. Kept apart from the finder page's module so
// either page can change its own without breaking the other.

export const DEFAULTS = {
  languages: ['pl', 'en'],
  fallback: 'pl',
  storageKey: 'clubfinder.admin.lang',
  basePath: '/i18n/admin.'
};

const catalogs = new Map();
let current = DEFAULTS.fallback;

export function currentLanguage() {
  return current;
}

export function preferredLanguage() {
  let stored = null;
  try {
    stored = window.localStorage.getItem(DEFAULTS.storageKey);
  } catch {
    // Storage can be disabled; Polish is the default.
  }
  return DEFAULTS.languages.includes(stored) ? stored : DEFAULTS.fallback;
}

// remember: only an explicit choice in the language switcher is stored.
export async function setLanguage(lang, { remember = false } = {}) {
  const wanted = DEFAULTS.languages.includes(lang) ? lang : DEFAULTS.fallback;
  await Promise.all([loadCatalog(DEFAULTS.fallback), loadCatalog(wanted)]);
  current = wanted;
  document.documentElement.lang = wanted;
  if (remember) {
    try {
      window.localStorage.setItem(DEFAULTS.storageKey, wanted);
    } catch {
      // Not remembering the language is acceptable.
    }
  }
  return wanted;
}

async function loadCatalog(lang) {
  if (!catalogs.has(lang)) {
    const response = await fetch(`${DEFAULTS.basePath}${lang}.json`, { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(`Cannot load translations for ${lang} (${response.status})`);
    }
    catalogs.set(lang, await response.json());
  }
  return catalogs.get(lang);
}

// t('clubs.count', { count: 3, total: 9 }) picks the plural form Polish needs ("one", "few", "many").
export function t(key, params = {}) {
  let entry = catalogs.get(current)?.[key] ?? catalogs.get(DEFAULTS.fallback)?.[key];
  if (entry === undefined) {
    return key;
  }
  if (typeof entry === 'object' && entry !== null) {
    const category = typeof params.count === 'number' ? new Intl.PluralRules(current).select(params.count) : 'other';
    entry = entry[category] ?? entry.other ?? '';
  }
  return entry.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
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

// "YYYY-MM-DD" is a calendar date, not an instant: build it in local time so no time-zone shift
// moves it to the previous day.
export function formatDate(text, options = { dateStyle: 'long' }) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text ?? '');
  return match ? new Intl.DateTimeFormat(current, options).format(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : '';
}

// ISO weekday 1 (Monday) ... 7 (Sunday); 1 January 2024 was a Monday.
export function weekdayName(isoWeekday, style = 'long') {
  const text = new Intl.DateTimeFormat(current, { weekday: style }).format(new Date(2024, 0, isoWeekday));
  return text.charAt(0).toLocaleUpperCase(current) + text.slice(1);
}
