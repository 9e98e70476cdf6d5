// A public suggestion shown beside the club editor while it is being accepted, and what a
// missing-club report contributes to a new club's form.

import { t } from './i18n.js';
import { el } from './dom.js';

// The suggestion beside the editor, read-only.
export function renderSuggestionPanel(suggestion) {
  const facts = el('dl', { className: 'facts' });
  for (const [label, value] of [
    ['suggestions.topic', suggestion.topic ? t(`suggestions.topics.${suggestion.topic}`) : null],
    ['suggestions.name', suggestion.name], ['suggestions.place', suggestion.place], ['suggestions.operator', suggestion.operator],
    ['suggestions.link', suggestion.link], ['suggestions.text', suggestion.text], ['suggestions.email', suggestion.email]
  ]) {
    if (value) {
      facts.append(el('dt', { text: t(label) }), el('dd', { text: value }));
    }
  }
  return el('aside', { id: 'suggestion-panel', className: 'notice suggestion-panel', attrs: { 'aria-labelledby': 'suggestion-panel-heading' } },
    el('h2', { id: 'suggestion-panel-heading', text: t('suggestions.panelHeading', { id: suggestion.id }) }),
    facts,
    el('p', { className: 'muted', text: t('suggestions.panelHint') }));
}

// A new club's starting document from a missing-club report: only what the sender gave as a name.
export function prefillFromSuggestion(doc, suggestion) {
  return suggestion?.kind === 'missing-club' ? { ...doc, name: suggestion.name ?? '' } : doc;
}
