// The map legend: every operator type's shape and colour, the approximate-location outline,
// the search point and clusters, in words.

import { t } from './i18n.js';
import { OPERATOR_TYPES, createOperatorSymbol, createOriginSymbol } from './operatorSymbols.js';

export const DEFAULTS = {
  symbolSize: 20
};

export function createLegend(element, options) {
  const settings = { ...DEFAULTS, ...options };

  function entry(symbol, text) {
    const item = document.createElement('li');
    item.appendChild(symbol);
    const label = document.createElement('span');
    label.textContent = text;
    item.appendChild(label);
    return item;
  }

  function render() {
    const items = OPERATOR_TYPES.map((type) => entry(createOperatorSymbol(type, { size: settings.symbolSize }), t(`operatorType.${type}`)));
    items.push(entry(createOperatorSymbol('ngo', { size: settings.symbolSize, approximate: true }), t('legend.approximate')));
    items.push(entry(createOriginSymbol(settings.symbolSize), t('legend.origin')));
    const cluster = document.createElement('span');
    cluster.className = 'legend__cluster';
    cluster.setAttribute('aria-hidden', 'true');
    cluster.textContent = '3';
    items.push(entry(cluster, t('legend.cluster')));
    element.replaceChildren(...items);
  }

  render();
  return { render };
}
