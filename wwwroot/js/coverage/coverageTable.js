// The districts table (the page's primary view) and the candidate sites' answers, built as
// elements with text only.

import { t, formatNumber } from '../i18n.js';

export function percent(share) {
  return formatNumber(share, { style: 'percent', maximumFractionDigits: 0 });
}

export function decimal(value, digits = 2) {
  return value === null || value === undefined ? '–' : formatNumber(value, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function whole(value) {
  return value === null || value === undefined ? '–' : formatNumber(value);
}

function cell(tag, text, attributes = {}) {
  const element = document.createElement(tag);
  element.textContent = text;
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, value);
  }
  return element;
}

// children: the figures per 1 000 children 0–3 replace those per 10 000 residents.
export function renderDistrictTable(table, report) {
  const children = report.basis === 'children0to3';
  const caption = cell('caption', t('coverage.tableCaption', { date: report.residentsDate ?? '–' }));
  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  const columns = ['rank', 'district', children ? 'children' : 'residents', 'clubs', 'awaiting',
    children ? 'per1kChildren' : 'per10k', 'share1km', 'share2km', 'residents1km'];
  for (const column of columns) {
    headRow.appendChild(cell('th', t(`coverage.col.${column}`), { scope: 'col' }));
  }
  head.appendChild(headRow);
  const body = document.createElement('tbody');
  for (const d of report.districts) {
    const row = document.createElement('tr');
    row.dataset.district = String(d.number);
    row.appendChild(cell('td', whole(d.rank)));
    const name = cell('th', `${d.roman} ${d.name}`, { scope: 'row' });
    if (d.preferred) {
      name.appendChild(cell('span', t('coverage.preferred'), { class: 'coverage__badge' }));
    }
    row.appendChild(name);
    row.appendChild(cell('td', whole(children ? d.children0To3 : d.residents)));
    row.appendChild(cell('td', whole(d.clubs)));
    row.appendChild(cell('td', whole(d.awaitingLocation)));
    row.appendChild(cell('td', decimal(children ? d.clubsPer1kChildren : d.clubsPer10k)));
    row.appendChild(cell('td', percent(d.areaShare1km)));
    row.appendChild(cell('td', percent(d.areaShare2km)));
    row.appendChild(cell('td', whole(d.residentsWithin1km)));
    body.appendChild(row);
  }
  table.replaceChildren(caption, head, body);
}

// sites: [{ lat, lon, label }]; answers: the API's sites in the same order (or null while loading).
export function renderSiteResults(container, sites, answers, onRemove) {
  const items = sites.map(function renderSite(site, index) {
    const answer = answers?.[index];
    const article = document.createElement('article');
    article.className = 'coverage__site';
    const where = site.label || `${formatNumber(site.lat, { maximumFractionDigits: 5 })}, ${formatNumber(site.lon, { maximumFractionDigits: 5 })}`;
    article.appendChild(cell('h3', t('coverage.siteHeading', { number: index + 1, place: where })));
    if (answer) {
      article.appendChild(cell('p', t('coverage.siteSummary', {
        district: `${answer.district.number} ${answer.district.name}`,
        area: decimal(answer.newlyCoveredAreaKm2),
        residents: whole(answer.newResidentsWithin1km)
      })));
      article.appendChild(siteTable(answer));
    }
    const remove = cell('button', t('coverage.removeSite', { number: index + 1 }), { type: 'button', class: 'button button--link' });
    remove.addEventListener('click', function onRemoveClick() {
      onRemove(index);
    });
    article.appendChild(remove);
    return article;
  });
  if (items.length === 0) {
    items.push(cell('p', t('coverage.noSites'), { class: 'coverage__note' }));
  }
  container.replaceChildren(...items);
}

function siteTable(answer) {
  const table = document.createElement('table');
  table.className = 'coverage__table coverage__table--small';
  const headRow = document.createElement('tr');
  for (const column of ['district', 'newResidents', 'rankChange']) {
    headRow.appendChild(cell('th', t(`coverage.col.${column}`), { scope: 'col' }));
  }
  const head = document.createElement('thead');
  head.appendChild(headRow);
  const body = document.createElement('tbody');
  for (const d of answer.byDistrict) {
    const row = document.createElement('tr');
    row.appendChild(cell('th', `${d.number} ${d.name}`, { scope: 'row' }));
    row.appendChild(cell('td', whole(d.newResidentsWithin1km)));
    row.appendChild(cell('td', d.rankBefore === d.rankAfter
      ? t('coverage.rankSame', { rank: whole(d.rankBefore) })
      : t('coverage.rankMoves', { before: whole(d.rankBefore), after: whole(d.rankAfter) })));
    body.appendChild(row);
  }
  table.append(head, body);
  return table;
}
