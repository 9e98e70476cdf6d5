// What the service knows about a place that was typed and searched for but not found as typed:
// it says what is unknown ("we don't know where no. 28 is") and offers what is known instead,
// each option saying why it is offered. The typed text is never replaced behind the parent's back.

import { t } from './i18n.js';

export const DEFAULTS = {
  onChoose() {},
  onPickOnMap() {}
};

const STOP_ATTRIBUTION = 'Źródło: ZTP Kraków, dane GTFS';
const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

export function createPlaceAnswer(element, options) {
  const settings = { ...DEFAULTS, ...options };
  let shown = null;
  element.hidden = true;
  element.addEventListener('click', onClick);

  function show(answer) {
    shown = answer;
    render();
  }

  function hide() {
    shown = null;
    element.hidden = true;
    element.replaceChildren();
  }

  function render() {
    if (!shown) {
      return;
    }
    const answer = shown;
    const lead = document.createElement('p');
    lead.className = 'place-answer__lead';
    lead.id = 'place-answer-lead';
    lead.textContent = leadText(answer);
    const parts = [lead];
    const geocoder = geocoderText(answer);
    if (geocoder) {
      const note = document.createElement('p');
      note.className = 'place-answer__note field__hint';
      note.textContent = geocoder;
      parts.push(note);
    }
    if (answer.options.length > 0) {
      const intro = document.createElement('p');
      intro.className = 'place-answer__intro';
      intro.textContent = t('placeAnswer.optionsIntro');
      parts.push(intro);
      const list = document.createElement('ul');
      list.className = 'place-answer__options';
      list.append(...answer.options.map(renderOption));
      parts.push(list);
    }
    const mapButton = document.createElement('button');
    mapButton.type = 'button';
    mapButton.className = 'button place-answer__map';
    mapButton.dataset.action = 'map';
    mapButton.textContent = t('placeAnswer.pickOnMap');
    parts.push(mapButton);
    const credits = attribution(answer.options);
    if (credits) {
      const small = document.createElement('p');
      small.className = 'place-answer__credits field__hint';
      small.textContent = credits;
      parts.push(small);
    }
    element.replaceChildren(...parts);
    element.hidden = false;
  }

  function leadText(answer) {
    switch (answer.status) {
      case 'number-unknown':
        return t('placeAnswer.numberUnknown', { street: answer.street, number: answer.houseNumber });
      case 'street-no-point':
        return t('placeAnswer.streetNoPoint', { street: answer.street });
      default:
        return t('placeAnswer.notFound', { q: answer.query });
    }
  }

  function geocoderText(answer) {
    switch (answer.geocoder) {
      case 'unavailable':
        return t('placeAnswer.geocoderUnavailable');
      case 'used':
      case 'cached':
        return answer.options.some((option) => option.reason === 'online') ? '' : t('placeAnswer.geocoderNothing');
      default:
        return '';
    }
  }

  function renderOption(option, index) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'place-answer__option';
    button.dataset.index = String(index);
    const label = document.createElement('span');
    label.className = 'place-answer__label';
    label.textContent = option.place.label;
    const detail = document.createElement('span');
    detail.className = 'place-answer__detail';
    detail.textContent = optionDetail(option);
    button.append(label, ' ', detail);
    item.appendChild(button);
    return item;
  }

  function optionDetail(option) {
    const place = option.place;
    const reason = t(`placeAnswer.reason.${option.reason}`, { street: shown?.street ?? '', number: shown?.houseNumber ?? '' });
    const kind = place.kind ? t(`placeKind.${place.kind}`) : '';
    const district = place.district?.name ?? '';
    return [reason, kind, district].filter(Boolean).join(' · ');
  }

  function attribution(list) {
    const credits = [];
    if (list.some((option) => option.place.source === 'gtfs')) {
      credits.push(t('placeAnswer.stopsCredit', { source: STOP_ATTRIBUTION }));
    }
    if (list.some((option) => option.place.source === 'nominatim')) {
      credits.push(t('placeAnswer.onlineCredit', { source: OSM_ATTRIBUTION }));
    }
    return credits.join(' ');
  }

  function onClick(event) {
    const button = event.target instanceof Element ? event.target.closest('button') : null;
    if (!button || !shown) {
      return;
    }
    if (button.dataset.action === 'map') {
      settings.onPickOnMap();
      return;
    }
    const option = shown.options[Number(button.dataset.index)];
    if (option) {
      settings.onChoose(option);
    }
  }

  return { show, hide, render, query: () => shown?.query ?? null };
}
