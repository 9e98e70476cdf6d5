// /embed/docs: site editors choose district, language and view, see the real widget with those
// settings, and copy the one line (or, for sites without scripts, a plain iframe).

import { t, setLanguage, currentLanguage, translateDocument } from '/js/i18n.js';
import { createApi } from '/js/api.js';

const page = {
  language: document.getElementById('lang-select'),
  form: document.getElementById('snippet-form'),
  district: document.getElementById('snippet-district'),
  widgetLanguage: document.getElementById('snippet-lang'),
  view: document.getElementById('snippet-view'),
  snippet: document.getElementById('snippet-code'),
  iframe: document.getElementById('iframe-code'),
  status: document.getElementById('copy-status'),
  preview: document.getElementById('preview')
};

const api = createApi({ language: currentLanguage });
const origin = window.location.origin;
let districts = [];
let previewKey = '';

start().catch(function onStartFailure(error) {
  console.error(error);
});

async function start() {
  const wanted = new URLSearchParams(window.location.search).get('lang');
  await setLanguage(wanted || 'pl');
  page.language.value = currentLanguage();
  page.widgetLanguage.value = currentLanguage();
  translateDocument();
  page.language.addEventListener('change', onLanguageChange);
  page.form.addEventListener('change', update);
  page.form.addEventListener('submit', (event) => event.preventDefault());
  for (const button of document.querySelectorAll('button[data-copy]')) {
    button.addEventListener('click', onCopyClick);
  }
  await update();
  try {
    districts = await api.getDistricts();
    renderDistricts();
  } catch {
    // Without the list of districts the snippet still works for all of Kraków.
  }
}

function settings() {
  return { district: page.district.value, lang: page.widgetLanguage.value, view: page.view.value };
}

function scriptSnippet({ district, lang, view }) {
  const attributes = [`src="${origin}/widget.js"`];
  if (district) {
    attributes.push(`data-district="${district}"`);
  }
  attributes.push(`data-lang="${lang}"`);
  if (view !== 'both') {
    attributes.push(`data-view="${view}"`);
  }
  return `<script ${attributes.join(' ')} async></script>`;
}

// The frame's title is in the widget's language, which need not be the language of this page.
const frameTitles = new Map();

async function frameTitle(lang) {
  if (!frameTitles.has(lang)) {
    try {
      const response = await fetch(`/i18n/${lang}.json`);
      frameTitles.set(lang, (await response.json())['embed.frameTitle'] || t('embed.frameTitle'));
    } catch {
      return t('embed.frameTitle');
    }
  }
  return frameTitles.get(lang);
}

function iframeSnippet({ district, lang, view }, title) {
  const query = new URLSearchParams();
  if (district) {
    query.set('district', district);
  }
  query.set('lang', lang);
  if (view !== 'both') {
    query.set('view', view);
  }
  return `<iframe src="${origin}/embed?${query.toString().replace(/&/g, '&amp;')}" title="${title.replace(/"/g, '&quot;')}" loading="lazy" allow="geolocation" referrerpolicy="strict-origin" style="width:100%;height:900px;border:0"></iframe>`;
}

async function update() {
  const chosen = settings();
  page.snippet.value = scriptSnippet(chosen);
  page.status.textContent = '';
  renderPreview(chosen);
  const title = await frameTitle(chosen.lang);
  if (JSON.stringify(settings()) === JSON.stringify(chosen)) {
    page.iframe.value = iframeSnippet(chosen, title);
  }
}

// The preview is the real thing: the loader runs again with the chosen attributes.
function renderPreview(chosen) {
  const key = JSON.stringify(chosen);
  if (key === previewKey) {
    return;
  }
  previewKey = key;
  const script = document.createElement('script');
  script.src = '/widget.js';
  if (chosen.district) {
    script.dataset.district = chosen.district;
  }
  script.dataset.lang = chosen.lang;
  script.dataset.view = chosen.view;
  page.preview.replaceChildren(script);
}

function renderDistricts() {
  const selected = page.district.value;
  const any = document.createElement('option');
  any.value = '';
  any.textContent = t('embedDocs.districtAny');
  const options = districts.slice().sort((a, b) => a.number - b.number).map(function districtOption(district) {
    const option = document.createElement('option');
    option.value = String(district.number);
    option.textContent = `${district.roman} ${district.name}`;
    return option;
  });
  page.district.replaceChildren(any, ...options);
  page.district.value = selected;
}

async function onLanguageChange() {
  await setLanguage(page.language.value);
  translateDocument();
  renderDistricts();
}

async function onCopyClick(event) {
  const field = document.getElementById(event.currentTarget.dataset.copy);
  try {
    await navigator.clipboard.writeText(field.value);
    page.status.textContent = t('embedDocs.copied');
  } catch {
    // No clipboard (insecure page, permission refused): leave the code selected for Ctrl+C.
    field.focus();
    field.select();
    page.status.textContent = t('embedDocs.copyManually');
  }
}
