// The club form: the plain fields (from the table in clubFields.js), the address and point,
// the weekly timetable, season and closures. Saves with If-Match; a 400 puts each message next
// to its field, a 412 opens the conflict panel (nothing is overwritten).

import { t } from './i18n.js';
import { el, todayIso } from './dom.js';
import { createControls, fieldFor, fillControls, readControls } from './clubFields.js';
import { createAddressAndPoint } from './addressAndPoint.js';
import { createScheduleEditor } from './scheduleEditor.js';
import { createClosuresEditor } from './closuresEditor.js';
import { createFieldErrors } from './fieldErrors.js';
import { createConflictPanel } from './conflictPanel.js';
import { normalizeDoc, missingValues } from './clubDocument.js';

function slugify(text) {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
}

// state: { doc, etag, baseline, dirty }, shared with the page. Returns { fill(doc), destroy() }.
export function createClubForm(container, context, { creating, organizations, mapData, state, suggestion }) {
  const { api } = context;
  const controls = createControls({ organizations });
  controls.organization.disabled = organizations.length <= 1;
  const field = (name) => fieldFor(controls, name);
  const row = (...fields) => el('div', { className: 'row' }, ...fields);
  const card = (legend, ...children) => el('fieldset', { className: 'card' }, el('legend', { text: t(legend) }), ...children);
  const listSection = (id, heading, host) => el('section', { className: 'card', attrs: { 'aria-labelledby': id } },
    el('h2', { id, text: t(heading) }), host);

  const placeHost = el('fieldset', { className: 'card' });
  const scheduleHost = el('div', { id: 'schedule-editor' });
  const closuresHost = el('div', { id: 'closures-editor' });
  const verifiedButton = el('button', { type: 'button', className: 'button', id: 'verified-today', text: t('editor.verifiedToday') });
  const saveResult = el('div', { id: 'save-result', attrs: { role: 'status' } });
  const saveButton = el('button', { type: 'submit', className: 'button button--primary', id: 'save-club', text: creating ? t('editor.create') : t('editor.save') });
  const errors = createFieldErrors({ controlFor });
  const conflict = createConflictPanel({ announce: context.status, onReapply, onDiscard });

  const links = el('p', { className: 'editor-links' });
  if (!creating) {
    links.append(
      el('a', { href: `#clubs/${encodeURIComponent(state.doc.slug)}/history`, id: 'history-link', text: t('editor.history') }), ' · ',
      el('a', { href: `/clubs/${encodeURIComponent(state.doc.slug)}`, target: '_blank', rel: 'noopener', text: t('editor.publicPage') }));
  }

  const form = el('form', { id: 'club-form', className: 'editor', noValidate: true, attrs: { 'aria-labelledby': 'editor-heading' } },
    errors.summary,
    conflict.panel,
    card('editor.basics', creating ? field('slug') : null, field('name'), row(field('organization'), field('status'))),
    placeHost,
    card('editor.contacts', row(field('phone'), field('email')), row(field('website'), field('sourceUrl'))),
    card('editor.details',
      field('description'),
      row(field('fee'), field('registrationRequired'), field('languages')),
      field('specialNeeds'),
      field('openingHoursText'),
      field('parentNote'),
      field('notes')),
    card('editor.season',
      row(field('validFrom'), field('validTo'), field('lastVerifiedAt'), el('div', { className: 'field field--button' }, verifiedButton))),
    listSection('sessions-heading', 'sessions.heading', scheduleHost),
    listSection('closures-heading', 'closures.heading', closuresHost),
    el('div', { className: 'save-bar' }, saveResult, el('div', { className: 'actions' }, saveButton,
      el('a', { href: '#clubs', className: 'button', text: t('editor.backToList') }))));

  container.append(links, form);

  const markDirty = () => { state.dirty = true; };
  form.addEventListener('input', markDirty);
  form.addEventListener('change', markDirty);

  const place = createAddressAndPoint(placeHost, {
    controls, api, mapData, currentDoc: () => state.doc, announce: context.status, onChange: markDirty
  });
  const schedule = createScheduleEditor(scheduleHost, { announce: context.status, onChange: markDirty });
  const closures = createClosuresEditor(closuresHost, { announce: context.status, onChange: markDirty });

  let slugTouched = false;
  controls.slug.addEventListener('input', () => { slugTouched = true; });
  controls.name.addEventListener('input', () => {
    if (creating && !slugTouched) {
      controls.slug.value = slugify(controls.name.value);
    }
  });

  verifiedButton.addEventListener('click', () => {
    controls.lastVerifiedAt.value = todayIso();
    markDirty();
    context.status(t('editor.verifiedTodaySet'));
  });

  // The form from a document, without touching what it is compared with.
  function writeForm(doc) {
    fillControls(controls, doc);
    place.fill(doc);
    schedule.setSessions(doc.sessions ?? []);
    closures.setClosures(doc.closures ?? []);
  }

  function readForm() {
    return { ...readControls(controls), sessions: schedule.getSessions(), closures: closures.getClosures() };
  }

  // A document as loaded or saved: the new base for "what did I change".
  function fill(doc) {
    state.doc = doc;
    writeForm(doc);
    state.baseline = normalizeDoc(readForm());
    state.dirty = false;
  }

  function controlFor(key) {
    const listRow = /^(sessions|closures)\[(\d+)\]\.(\w+)$/.exec(key);
    if (listRow) {
      const [, list, index, name] = listRow;
      const rows = list === 'sessions' ? schedule : closures;
      return rows.controlFor(Number(index), name) ?? rows.controlFor(Number(index), list === 'sessions' ? 'weekday' : 'from');
    }
    return controls[key === 'location' ? 'location.lat' : key] ?? null;
  }

  function report(message) {
    saveResult.replaceChildren(message);
    context.status(message.textContent);
  }

  function onReapply({ current, merged, etag, fields }) {
    state.etag = etag;
    fill(current);
    writeForm(merged);
    state.dirty = true;
    report(el('p', { className: 'notice notice--warning', id: 'reapplied-message', text: t('conflict.reapplied', { fields }) }));
    saveButton.focus();
  }

  function onDiscard({ current, etag }) {
    state.etag = etag;
    fill(current);
    report(el('p', { className: 'notice', text: t('conflict.discarded') }));
    controls.name.focus();
  }

  form.addEventListener('submit', onSubmit);

  async function onSubmit(event) {
    event.preventDefault();
    const doc = readForm();
    const missing = missingValues(doc, { creating });
    if (Object.keys(missing).length) {
      errors.show(missing);
      context.status(t('editor.notSaved'));
      return;
    }
    saveButton.disabled = true;
    saveResult.replaceChildren(el('p', { text: t('editor.saving') }));
    try {
      if (creating) {
        const answer = suggestion ? await api.acceptMissingClub(suggestion.id, doc) : await api.createClub(doc);
        state.dirty = false;
        context.status(t('editor.created', { name: answer.body.name }));
        context.navigate(`#clubs/${encodeURIComponent(answer.body.slug)}`);
        return;
      }
      const answer = suggestion
        ? await api.acceptCorrection(suggestion.id, doc, state.etag)
        : await api.saveClub(state.doc.slug, doc, state.etag);
      state.etag = answer.etag;
      if (suggestion) {
        state.dirty = false;
        context.status(t('suggestions.accepted'));
        context.navigate('#suggestions');
        return;
      }
      errors.clear();
      conflict.hide();
      fill(answer.body);
      showSaved(answer.body);
    } catch (problem) {
      saveResult.replaceChildren();
      handleSaveProblem(problem, doc);
    } finally {
      saveButton.disabled = false;
    }
  }

  function showSaved(doc) {
    const publicNow = doc.status === 'active' && doc.location;
    const message = el('p', { className: 'notice notice--success', id: 'saved-message' },
      el('span', { text: `${t('editor.saved')} ` }),
      publicNow
        ? el('a', { href: `/clubs/${encodeURIComponent(doc.slug)}`, id: 'public-link', text: t('editor.seePublic') })
        : el('span', { text: doc.location ? t('editor.notPublicStatus') : t('editor.notPublicLocation') }));
    saveResult.replaceChildren(message);
    context.status(t('editor.saved'));
  }

  function handleSaveProblem(problem, doc) {
    switch (problem.status) {
      case 400:
        errors.show(problem.errors ?? { form: [problem.detail || problem.title] });
        context.status(t('editor.notSaved'));
        break;
      case 403:
        context.alert(t('editor.notYours'));
        break;
      case 412:
        if (problem.current) {
          conflict.show({ base: state.baseline, mineDoc: doc, current: problem.current, etag: problem.etag });
        } else {
          context.alert(t('editor.reload'));
        }
        break;
      case 428:
        context.alert(t('editor.reload'));
        break;
      default:
        context.alert(problem.status ? (problem.detail || problem.title) : t('error.network'));
    }
  }

  return { fill, destroy: () => place.destroy() };
}
