// The 412 conflict panel: the club was saved by someone else since I loaded it. Compares what I
// loaded (the base), what I typed (mine) and what is stored now (theirs) field by field, warns
// where both of us changed a field, and either lays my edits over their version for me to
// review and save, or drops them. Nothing is saved from here.

import { t } from './i18n.js';
import { el } from './dom.js';
import { normalizeDoc, sameValue, describeValue, FIELDS } from './clubDocument.js';
import { labelFor } from './clubFields.js';

// onReapply({ current, merged, etag, fields }) and onDiscard({ current, etag }) refill the form.
export function createConflictPanel({ announce, onReapply, onDiscard }) {
  const panel = el('section', { id: 'conflict-panel', className: 'conflict', hidden: true, attrs: { 'aria-labelledby': 'conflict-heading' } });
  const labels = (fields) => fields.map(labelFor).join(', ');

  // base: the loaded form in normal form; mineDoc: the document I tried to save; current, etag: theirs.
  function show({ base, mineDoc, current, etag }) {
    const mine = normalizeDoc(mineDoc);
    const theirs = normalizeDoc(current);
    const theirChanges = FIELDS.filter((f) => !sameValue(base[f], theirs[f]));
    const myChanges = FIELDS.filter((f) => !sameValue(base[f], mine[f]));
    const both = myChanges.filter((f) => theirChanges.includes(f) && !sameValue(mine[f], theirs[f]));

    const theirList = el('ul', { id: 'conflict-their-changes' }, theirChanges.map((f) => el('li', { dataset: { field: f } },
      el('strong', { text: labelFor(f) }), ': ',
      el('span', { text: describeValue(f, base[f]) }), ' → ',
      el('span', { className: 'value-new', text: describeValue(f, theirs[f]) }))));
    const myList = el('ul', { id: 'conflict-my-changes' }, myChanges.map((f) => el('li', { dataset: { field: f } },
      el('strong', { text: labelFor(f) }), ': ',
      el('span', { className: 'value-new', text: describeValue(f, mine[f]) }),
      both.includes(f) ? el('span', { className: 'badge badge--warning', text: t('conflict.both') }) : null)));

    const reapply = el('button', { type: 'button', className: 'button button--primary', id: 'conflict-reapply', text: t('conflict.reapply') });
    const discard = el('button', { type: 'button', className: 'button', id: 'conflict-discard', text: t('conflict.discard') });
    const heading = el('h2', { id: 'conflict-heading', attrs: { tabindex: '-1' }, text: t('conflict.heading') });
    panel.replaceChildren(
      heading,
      el('p', { text: t('conflict.intro') }),
      el('h3', { text: t('conflict.theirs') }),
      theirChanges.length ? theirList : el('p', { text: t('conflict.noneTheirs') }),
      el('h3', { text: t('conflict.mine') }),
      myChanges.length ? myList : el('p', { text: t('conflict.noneMine') }),
      both.length ? el('p', { className: 'notice notice--warning', text: t('conflict.bothWarning', { fields: labels(both) }) }) : null,
      el('div', { className: 'actions' }, reapply, discard));
    panel.hidden = false;
    heading.focus();
    announce(t('conflict.heading'));

    reapply.addEventListener('click', () => {
      // Their version is the new base; my edited fields go on top.
      const merged = { ...current };
      for (const f of myChanges) {
        merged[f] = mineDoc[f];
      }
      hide();
      onReapply({ current, merged, etag, fields: labels(myChanges) || '—' });
    });
    discard.addEventListener('click', () => {
      hide();
      onDiscard({ current, etag });
    });
  }

  function hide() {
    panel.hidden = true;
    panel.replaceChildren();
  }

  return { panel, show, hide };
}
