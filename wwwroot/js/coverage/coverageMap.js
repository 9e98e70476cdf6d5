// The coverage map: districts shaded by clubs per 10 000 residents (or per 1 000 children),
// the 1 km walking areas, the clubs and the candidate sites. A click reports a point; the
// table is the text alternative.

import { t, formatNumber } from '../i18n.js';

export const DEFAULTS = {
  center: [50.0614, 19.9366],
  zoom: 11,
  tileUrl: null,
  tileAttribution: '',
  // Upper bounds of the shading classes, lightest first: clubs per 10 000 residents, or per
  // 1 000 children 0–3 when the page counts children (about 20 times fewer people per club).
  breaks: [0, 0.5, 1, 1.5],
  childrenBreaks: [0, 1, 2, 3],
  colors: ['#f7fbff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'],
  onPick() {}
};

export function createCoverageMap(element, options) {
  const settings = { ...DEFAULTS, ...options };
  const map = L.map(element, { center: settings.center, zoom: settings.zoom, scrollWheelZoom: false });
  if (settings.tileUrl) {
    L.tileLayer(settings.tileUrl, { attribution: settings.tileAttribution, maxZoom: 18 }).addTo(map);
  }
  const districtLayer = L.geoJSON(null, { style: districtStyle }).addTo(map);
  const reachLayer = L.geoJSON(null, {
    style: { color: '#b35806', weight: 1, fillColor: '#fdb863', fillOpacity: 0.35 },
    interactive: false
  }).addTo(map);
  const clubLayer = L.layerGroup().addTo(map);
  const siteLayer = L.layerGroup().addTo(map);
  let values = new Map();
  let breaks = settings.breaks;

  map.on('click', function onMapClick(event) {
    settings.onPick({ lat: event.latlng.lat, lon: event.latlng.lng });
  });

  function classOf(value) {
    if (value === null || value === undefined) {
      return -1;
    }
    const index = breaks.findIndex((limit) => value <= limit);
    return index === -1 ? breaks.length : index;
  }

  function districtStyle(feature) {
    const index = classOf(values.get(feature.properties.number));
    return {
      color: '#333',
      weight: 1,
      fillColor: index < 0 ? '#ddd' : settings.colors[index],
      fillOpacity: 0.55
    };
  }

  function showDistricts(shapes, report) {
    const children = report.basis === 'children0to3';
    breaks = children ? settings.childrenBreaks : settings.breaks;
    values = new Map(report.districts.map((d) => [d.number, children ? d.clubsPer1kChildren : d.clubsPer10k]));
    districtLayer.clearLayers();
    districtLayer.addData(shapes);
    districtLayer.eachLayer(function bindName(layer) {
      const p = layer.feature.properties;
      layer.bindTooltip(`${p.roman} ${p.name}`, { sticky: true });
    });
  }

  function showReach(geojson) {
    reachLayer.clearLayers();
    reachLayer.addData(geojson);
  }

  function showClubs(geojson) {
    clubLayer.clearLayers();
    for (const feature of geojson.features ?? []) {
      const [lon, lat] = feature.geometry.coordinates;
      L.circleMarker([lat, lon], { radius: 4, color: '#7f2704', weight: 1, fillColor: '#d94801', fillOpacity: 1, interactive: false })
        .addTo(clubLayer);
    }
  }

  function showSites(sites) {
    siteLayer.clearLayers();
    sites.forEach(function addSite(site, index) {
      L.marker([site.lat, site.lon], {
        icon: L.divIcon({ className: 'coverage__pin', html: '', iconSize: [28, 28] }),
        keyboard: false,
        alt: t('coverage.siteMarker', { number: index + 1 })
      }).addTo(siteLayer).getElement()?.append(document.createTextNode(String(index + 1)));
    });
  }

  // The legend in words: each class's range and colour.
  function renderLegend(container, basis) {
    breaks = basis === 'children0to3' ? settings.childrenBreaks : settings.breaks;
    const heading = document.createElement('p');
    heading.className = 'coverage__legend-heading';
    heading.textContent = t(basis === 'children0to3' ? 'coverage.legendChildren' : 'coverage.legendResidents');
    const list = document.createElement('ul');
    const labels = settings.colors.map(function label(color, index) {
      if (index === 0) {
        return t('coverage.legendNone');
      }
      const from = formatNumber(breaks[index - 1]);
      return index < breaks.length
        ? t('coverage.legendRange', { from, to: formatNumber(breaks[index]) })
        : t('coverage.legendAbove', { from });
    });
    labels.forEach(function addItem(text, index) {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'coverage__swatch';
      swatch.style.background = settings.colors[index];
      item.append(swatch, document.createTextNode(text));
      list.appendChild(item);
    });
    const reach = document.createElement('li');
    const reachSwatch = document.createElement('span');
    reachSwatch.className = 'coverage__swatch coverage__swatch--reach';
    reach.append(reachSwatch, document.createTextNode(t('coverage.legendReach')));
    list.appendChild(reach);
    container.replaceChildren(heading, list);
  }

  return { showDistricts, showReach, showClubs, showSites, renderLegend, map };
}
