// A club's facts (address, fee, ages, languages, contacts) and the collapsed "how we know"
// section with sources and data notes.

import { safeHttpUrl, externalLink, element } from './dom.js';
import { t, formatDate, formatNumber, currentLanguage, formatList } from './i18n.js';

// Club text comes from the data in Polish: in another language it is marked lang="pl" (screen
// readers switch voice) and, for longer text, labelled as Polish.
export function polish(node, { label = false } = {}) {
  if (currentLanguage() === 'pl') {
    return node;
  }
  node.lang = 'pl';
  if (!label) {
    return node;
  }
  const wrapper = element('div', 'in-polish');
  wrapper.append(element('p', 'in-polish__label', t('details.inPolish')), node);
  return wrapper;
}

export function buildFacts(club, approximate) {
  const facts = element('dl', 'facts');
  addFact(facts, t('details.address'), addressText(club));
  if (approximate) {
    const note = caveat(t(club.location.precision === 'area' ? 'details.approximateAreaShort' : 'details.approximateStreetShort'));
    note.classList.add('approx-note');
    facts.lastElementChild.appendChild(note);
  }
  addFact(facts, t('details.district'), club.district
    ? t('details.districtValue', { number: club.district.number, name: club.district.name })
    : t('details.unknown'));
  addFact(facts, t('details.fee'), feeText(club.fee));
  if (club.fee) {
    polish(facts.lastElementChild);
  }
  addFact(facts, t('details.registration'), club.registrationRequired === true
    ? t('details.registrationRequired')
    : club.registrationRequired === false ? t('details.registrationNotRequired') : t('details.unknown'));
  if (Array.isArray(club.languages) && club.languages.length > 0) {
    addFact(facts, t('details.languages'), languageNames(club.languages));
  }
  if (club.specialNeeds) {
    addFact(facts, t('details.specialNeeds'), t('club.specialNeeds'));
  }
  if (club.season && (club.season.validFrom || club.season.validTo)) {
    addFact(facts, t('details.season'), seasonText(club.season));
  }
  return facts;
}

function addFact(list, term, value) {
  list.append(element('dt', '', term), element('dd', '', value));
}

function addressText(club) {
  const address = club.address ?? {};
  if (address.label) {
    return address.label;
  }
  return [[address.street, address.houseNumber].filter(Boolean).join(' '), address.postcode]
    .filter(Boolean).join(', ');
}

function feeText(fee) {
  if (fee === null || fee === undefined || fee === '') {
    return t('details.unknown');
  }
  if (typeof fee === 'number') {
    return fee === 0
      ? t('details.free')
      : formatNumber(fee, { style: 'currency', currency: 'PLN' });
  }
  return String(fee);
}

function languageNames(codes) {
  let names = null;
  try {
    names = new Intl.DisplayNames([currentLanguage()], { type: 'language' });
  } catch {
    names = null;
  }
  return formatList(codes.map((code) => {
    try {
      return (names && names.of(code)) || code;
    } catch {
      return String(code);
    }
  }));
}

export function seasonText(season) {
  if (season.validFrom && season.validTo) {
    return t('details.seasonRange', { from: formatDate(season.validFrom), to: formatDate(season.validTo) });
  }
  return season.validFrom
    ? t('details.seasonFrom', { from: formatDate(season.validFrom) })
    : t('details.seasonTo', { to: formatDate(season.validTo) });
}

// Contacts as the numbers and addresses themselves, under the facts (the actions above dial them).
export function contactLinks(club) {
  const contacts = club.contacts ?? {};
  const phones = splitValues(contacts.phone)
    .map((phone) => ({ text: phone, digits: phone.replace(/[^\d+]/g, '') }))
    .filter((phone) => phone.digits.length >= 6);
  const emails = splitValues(contacts.email)
    .filter((email) => /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/.test(email));
  return { phones, emails, website: safeHttpUrl(contacts.website) };
}

function splitValues(value) {
  if (!value) {
    return [];
  }
  return String(value).split(/[,;]/).map((part) => part.trim()).filter(Boolean);
}

// A short caveat line: a small icon and a few words, not a warning box.
export function caveat(text) {
  const line = element('p', 'caveat');
  const icon = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('width', '16');
  icon.setAttribute('height', '16');
  icon.setAttribute('aria-hidden', 'true');
  icon.setAttribute('focusable', 'false');
  icon.classList.add('caveat__icon');
  const ring = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
  ring.setAttribute('cx', '12');
  ring.setAttribute('cy', '12');
  ring.setAttribute('r', '8');
  ring.setAttribute('fill', 'none');
  ring.setAttribute('stroke', 'currentColor');
  ring.setAttribute('stroke-width', '2');
  ring.setAttribute('stroke-dasharray', '3 2.3');
  const dot = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
  dot.setAttribute('cx', '12');
  dot.setAttribute('cy', '12');
  dot.setAttribute('r', '2.5');
  dot.setAttribute('fill', 'currentColor');
  icon.append(ring, dot);
  line.append(icon, element('span', '', text));
  return line;
}

// "How we know": sources, verification and the map point's precision, folded at the end.
export function buildHowWeKnow(club, approximate) {
  const box = element('details', 'how-we-know');
  box.appendChild(element('summary', 'how-we-know__summary', t('details.howWeKnow')));
  box.appendChild(element('p', 'details__text', t('details.howWeKnowIntro')));
  const facts = element('dl', 'provenance');
  addFact(facts, t('details.lastVerified'), club.lastVerifiedAt ? formatDate(club.lastVerifiedAt) : t('details.notVerified'));
  if (club.location) {
    addFact(facts, t('details.mapPoint'), t(approximate
      ? (club.location.precision === 'area' ? 'details.approximateArea' : 'details.approximateStreet')
      : 'details.pointBuilding'));
  }
  box.appendChild(facts);
  const sources = buildSources(club);
  if (sources.length > 0) {
    box.append(...sources);
  }
  box.appendChild(element('p', 'field__hint', t('details.howWeKnowFix')));
  return box;
}

function buildSources(club) {
  const items = [];
  const sources = Array.isArray(club.sources) ? club.sources : [];
  for (const source of sources) {
    const url = safeHttpUrl(source.url);
    if (!url) {
      continue;
    }
    const item = element('li');
    item.appendChild(externalLink(url.href, url.hostname.replace(/^www\./, '')));
    // Only a real date is shown; the curators' free-text remarks about dates stay internal.
    if (source.date && /^\d{4}-\d{2}(-\d{2})?$/.test(source.date)) {
      item.appendChild(document.createTextNode(` (${source.date.length === 7
        ? formatDate(`${source.date}-01`, { month: 'long', year: 'numeric' })
        : formatDate(source.date)})`));
    }
    items.push(item);
  }
  const main = safeHttpUrl(club.sourceUrl);
  if (main && !sources.some((source) => source.url === club.sourceUrl)) {
    items.unshift(element('li', '', null, externalLink(main.href, main.hostname.replace(/^www\./, ''))));
  }
  if (items.length === 0) {
    return [];
  }
  const list = element('ul', 'sources');
  list.append(...items);
  return [element('h4', '', t('details.sources')), list];
}
