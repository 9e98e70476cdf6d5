// The club editor page (#clubs/{slug}, #clubs/new, and a suggestion being accepted): loads the
// club, its operators and the map's data, shows the form (clubForm.js), and guards unsaved edits
// when the page is left.

import { t } from './i18n.js';
import { el } from './dom.js';
import { loadMapData } from './addressAndPoint.js';
import { createClubForm } from './clubForm.js';
import { blankDoc } from './clubDocument.js';
import { renderSuggestionPanel, prefillFromSuggestion } from './suggestionPanel.js';

export async function renderClubEditor(container, context, { slug, suggestion = null }) {
  const creating = !slug;
  const heading = el('h1', { id: 'editor-heading', text: creating ? t('editor.newHeading') : t('editor.loading') });
  container.append(heading);

  let loaded;
  let organizations;
  let mapData;
  try {
    [loaded, organizations, mapData] = await Promise.all([
      creating ? Promise.resolve(null) : context.api.getClub(slug),
      context.api.organizations().catch(() => []),
      loadMapData(context.api)
    ]);
  } catch (problem) {
    renderLoadProblem(container, heading, problem);
    return undefined;
  }

  const state = {
    doc: creating ? prefillFromSuggestion(blankDoc(context.me.organization ?? organizations[0]?.slug ?? ''), suggestion) : loaded.body,
    etag: creating ? null : loaded.etag,
    baseline: null,
    dirty: false
  };
  heading.textContent = creating ? t('editor.newHeading') : state.doc.name;

  if (suggestion) {
    container.append(renderSuggestionPanel(suggestion));
  }
  const editor = createClubForm(container, context, { creating, organizations, mapData, state, suggestion });
  editor.fill(state.doc);

  function onBeforeUnload(event) {
    if (state.dirty) {
      event.preventDefault();
    }
  }
  window.addEventListener('beforeunload', onBeforeUnload);
  context.hasUnsavedChanges = () => state.dirty;
  return () => {
    window.removeEventListener('beforeunload', onBeforeUnload);
    editor.destroy();
  };
}

function renderLoadProblem(container, heading, problem) {
  if (problem.status === 403) {
    heading.textContent = t('editor.notYoursHeading');
    container.append(el('p', { id: 'not-yours', className: 'notice notice--error', text: t('editor.notYours') }));
  } else if (problem.status === 404) {
    heading.textContent = t('editor.notFoundHeading');
    container.append(el('p', { className: 'notice notice--error', text: t('editor.notFound') }));
  } else {
    heading.textContent = t('editor.loadFailedHeading');
    container.append(el('p', { className: 'notice notice--error', text: problem.detail || t('error.network') }));
  }
  container.append(el('p', {}, el('a', { href: '#clubs', text: t('editor.backToList') })));
}
