// "What is a Klub Rodziców?": a static page in Polish (readable without scripts), translated
// here to the visitor's remembered language; the switcher changes and remembers it.

import { t, setLanguage, preferredLanguage, currentLanguage, translateDocument } from './i18n.js';

const select = document.getElementById('lang-select');
// On a slow connection a visitor can pick a language before this script runs; that pick wins.
const pickedEarly = select.value !== document.documentElement.lang ? select.value : null;
select.addEventListener('change', onLanguageChange);
let chosen = false;

start().catch(function onStartFailure(error) {
  // The Polish text in the HTML stays readable.
  console.warn(error);
});

async function start() {
  if (pickedEarly) {
    await onLanguageChange();
    return;
  }
  await setLanguage(preferredLanguage());
  if (!chosen) {
    apply();
  }
}

function apply() {
  translateDocument();
  document.title = t('about.pageTitle');
  select.value = currentLanguage();
}

async function onLanguageChange() {
  chosen = true;
  await setLanguage(select.value, { remember: true });
  apply();
}
