// The details panel for one club: facts, contacts, weekly schedule, directions, sharing and
// sources. Its heading takes focus when it opens; "Back to results" returns to the list.


import { element } from './dom.js';
import { buildSchedule, renderDates, buildClosures } from './clubTimetable.js';
import { buildDirections, buildActions, buildShareFallback } from './clubActions.js';
import { polish, buildFacts, buildHowWeKnow } from './clubFacts.js';
import { t } from './i18n.js';
import { isAborted } from './api.js';
import { createOperatorSymbol } from './operatorSymbols.js';
import { renderOpenState } from './clubList.js';
import { createSuggestionForm } from './suggestionForm.js';

export const DEFAULTS = {
  onBack() {},
  onShowOnMap() {},
  calendarUrl: null,
  // (slug) => the API's occurrences of the next two weeks; null leaves the dated list out.
  getOccurrences: null
};

export function createClubDetails(section, options) {
  // The section is called "section", not "element": element() below builds nodes, and a
  // parameter of that name once shadowed it, so a failed load of the next dates threw instead
  // of saying so.
  const settings = { ...DEFAULTS, ...options };
  const heading = section.querySelector('#club-details-heading');
  const body = section.querySelector('#club-details-body');
  const backButton = section.querySelector('#back-to-results');
  let slug = '';

  backButton.addEventListener('click', function onBackClick() {
    settings.onBack(slug);
  });

  function open() {
    section.hidden = false;
  }

  function close() {
    section.hidden = true;
    slug = '';
  }

  function isOpen() {
    return !section.hidden;
  }

  function currentSlug() {
    return slug;
  }

  function focusHeading() {
    heading.focus();
  }

  function showLoading(newSlug) {
    slug = newSlug;
    open();
    // A page the server rendered for this club keeps its text until the live data replaces it.
    if (section.dataset.serverSlug === newSlug) {
      return;
    }
    heading.textContent = t('details.loading');
    body.replaceChildren();
    section.setAttribute('aria-busy', 'true');
  }

  function showError(newSlug, message, retry) {
    slug = newSlug;
    open();
    delete section.dataset.serverSlug;
    section.removeAttribute('aria-busy');
    heading.textContent = t('details.errorHeading');
    const text = document.createElement('p');
    text.className = 'error-text';
    text.textContent = message;
    body.replaceChildren(text);
    if (retry) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'button';
      button.textContent = t('status.retry');
      button.addEventListener('click', retry);
      body.appendChild(button);
    }
  }

  function show(club) {
    slug = club.slug;
    open();
    delete section.dataset.serverSlug;
    section.removeAttribute('aria-busy');
    heading.textContent = club.name;
    body.replaceChildren(...buildBody(club, settings));
    createSuggestionForm(body, { kind: 'correction', club });
    fillDates(club);
  }

  // The next two weeks as dated sessions, with the ones a holiday or closure cancels.
  async function fillDates(club) {
    const box = body.querySelector('.dates');
    if (!box || !settings.getOccurrences) {
      return;
    }
    try {
      const result = await settings.getOccurrences(club.slug);
      if (slug === club.slug && box.isConnected) {
        box.replaceChildren(...renderDates(result));
      }
    } catch (error) {
      if (!isAborted(error) && slug === club.slug && box.isConnected) {
        box.replaceChildren(element('p', 'error-text', t('details.datesError')));
      }
    } finally {
      box.removeAttribute('aria-busy');
    }
  }

  return { show, showLoading, showError, close, isOpen, currentSlug, focusHeading };
}

function buildBody(club, settings) {
  const approximate = club.location && club.location.precision !== 'building';
  const parts = [];

  const operator = element('p', 'details__operator');
  const type = club.operator?.type ?? 'other';
  operator.appendChild(createOperatorSymbol(type, { size: 18, approximate }));
  operator.appendChild(element('span', '', club.operator?.name
    ? t('club.operatorWithType', { name: club.operator.name, type: t(`operatorType.${type}`) })
    : t(`operatorType.${type}`)));
  parts.push(operator, renderOpenState(club));

  if (club.parentNote) {
    parts.push(polish(element('p', 'details__parent-note', club.parentNote), { label: true }));
  }

  parts.push(buildActions(club, settings));
  parts.push(buildFacts(club, approximate));

  if (club.description) {
    parts.push(element('h3', '', t('details.about')));
    const text = element('div', 'details__description');
    for (const paragraph of String(club.description).split(/\n{2,}/)) {
      text.appendChild(element('p', 'details__text', paragraph));
    }
    parts.push(polish(text, { label: true }));
  }

  parts.push(...buildSchedule(club, settings));
  parts.push(...buildClosures(club));
  parts.push(...buildDirections(club, approximate));
  parts.push(...buildShareFallback());
  parts.push(buildHowWeKnow(club, approximate));
  return parts;
}
