// "What is a Klub Rodziców?": a static page in Polish (readable without scripts), translated
// here to the visitor's remembered language; the switcher changes and remembers it.

import { t, setLanguage, preferredLanguage, currentLanguage, translateDocument } from './i18n.js';

const select = document.getElementById('lang-select');
select.addEventListener('change', onLanguageChange);
let chosen = false;

start().catch(function onStartFailure(error) {
  // The Polish text in the HTML stays readable.
  console.warn(error);
});

async function start() {
  const wanted = preferredLanguage();
  await setLanguage(wanted);
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
