// The club editor: every editable field, the address with gazetteer suggestions and a map with a
// draggable marker, the weekly timetable, season and closures. Saves with If-Match; a 400 puts
// each message next to its field, a 412 opens the conflict panel (nothing is overwritten).

import { t } from './i18n.js';
import { el, field, uniqueId, addDescribedBy, removeDescribedBy, todayIso } from './dom.js';
import { createAddressCombobox } from './addressCombobox.js';
import { createLocationPicker } from './locationPicker.js';
import { createScheduleEditor } from './scheduleEditor.js';
import { createClosuresEditor } from './closuresEditor.js';
import { normalizeDoc, sameValue, describeValue, FIELDS } from './clubDocument.js';
import { renderSuggestionPanel, prefillFromSuggestion } from './suggestionPanel.js';

let mapData = null;

async function loadMapData(api) {
  if (!mapData) {
    const [config, districts] = await Promise.all([
      api.config().catch(() => ({})),
      api.districtShapes().catch(() => null)
    ]);
    mapData = { config, districts };
  }
  return mapData;
}

export async function renderClubEditor(container, context, { slug, suggestion = null }) {
  const creating = !slug;
  const heading = el('h1', { id: 'editor-heading', text: creating ? t('editor.newHeading') : t('editor.loading') });
  container.append(heading);

  let loaded;
  let organizations = [];
  try {
    const [club, orgs] = await Promise.all([
      creating ? Promise.resolve(null) : context.api.getClub(slug),
      context.api.organizations().catch(() => []),
      loadMapData(context.api)
    ]);
    loaded = club;
    organizations = orgs;
  } catch (problem) {
    renderLoadProblem(container, heading, problem);
    return undefined;
  }

  const state = {
    doc: creating ? prefillFromSuggestion(blankDoc(context, organizations), suggestion) : loaded.body,
    etag: creating ? null : loaded.etag,
    baseline: null,
    dirty: false
  };
  heading.textContent = creating ? t('editor.newHeading') : state.doc.name;

  if (suggestion) {
    container.append(renderSuggestionPanel(suggestion));
  }
  const editor = buildEditor(container, context, { creating, organizations, state, suggestion });
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

function blankDoc(context, organizations) {
  return {
    slug: '',
    name: '',
    organization: context.me.organization ?? organizations[0]?.slug ?? '',
    status: 'active',
    address: { street: '', houseNumber: '', postcode: '' },
    location: null,
    languages: ['pl'],
    specialNeeds: false,
    registrationRequired: null,
    sessions: [],
    closures: []
  };
}

function slugify(text) {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
}

function buildEditor(container, context, { creating, organizations, state, suggestion }) {
  const { api } = context;
  const controls = {};
  const input = (name, props = {}) => {
    controls[name] = el(props.tag ?? 'input', { id: `club-${name.replace('.', '-')}`, name, ...props, tag: undefined });
    return controls[name];
  };

  // --- basic fields
  const slugInput = input('slug', { type: 'text', maxLength: 60, autocomplete: 'off', spellcheck: false });
  const nameInput = input('name', { type: 'text', maxLength: 200, required: true, autocomplete: 'off' });
  const orgSelect = input('organization', { tag: 'select' });
  for (const org of organizations) {
    orgSelect.append(el('option', { value: org.slug, text: org.name }));
  }
  orgSelect.disabled = organizations.length <= 1;
  const statusSelect = input('status', { tag: 'select' });
  for (const status of ['active', 'suspended', 'closed']) {
    statusSelect.append(el('option', { value: status, text: t(`status.${status}`) }));
  }
  let slugTouched = false;
  slugInput.addEventListener('input', () => { slugTouched = true; });
  nameInput.addEventListener('input', () => {
    if (creating && !slugTouched) {
      slugInput.value = slugify(nameInput.value);
    }
  });

  // --- address and location
  const streetInput = input('address.street', { type: 'text', maxLength: 200 });
  const streetList = el('ul', { id: 'address-suggestions', className: 'combobox__listbox' });
  const addressStatus = el('p', { className: 'visually-hidden', attrs: { 'aria-live': 'polite' } });
  const houseInput = input('address.houseNumber', { type: 'text', maxLength: 40, autocomplete: 'off' });
  const postcodeInput = input('address.postcode', { type: 'text', maxLength: 6, inputMode: 'numeric', placeholder: '30-001', autocomplete: 'off' });
  const latInput = input('location.lat', { type: 'text', inputMode: 'decimal', autocomplete: 'off' });
  const lonInput = input('location.lon', { type: 'text', inputMode: 'decimal', autocomplete: 'off' });
  const precisionSelect = input('location.precision', { tag: 'select' });
  for (const precision of ['building', 'street', 'area']) {
    precisionSelect.append(el('option', { value: precision, text: t(`precision.${precision}`) }));
  }
  const districtOutput = el('p', { id: 'club-district', className: 'district', attrs: { 'aria-live': 'polite' } });
  const unlocatedNote = el('p', { id: 'unlocated-note', className: 'notice notice--warning', text: t('location.unlocated'), hidden: true });
  const mapElement = el('div', { id: 'club-map', className: 'club-map', attrs: { role: 'application', 'aria-label': t('location.mapLabel') } });

  // --- contacts and details
  const phoneInput = input('phone', { type: 'tel', maxLength: 40 });
  const emailInput = input('email', { type: 'email', maxLength: 200 });
  const websiteInput = input('website', { type: 'url', maxLength: 500, placeholder: 'https://' });
  const sourceInput = input('sourceUrl', { type: 'url', maxLength: 500, placeholder: 'https://' });
  const descriptionInput = input('description', { tag: 'textarea', rows: 5, maxLength: 4000 });
  const feeInput = input('fee', { type: 'text', maxLength: 200 });
  const registrationSelect = input('registrationRequired', { tag: 'select' });
  registrationSelect.append(el('option', { value: '', text: t('value.unknown') }), el('option', { value: 'true', text: t('value.yes') }),
    el('option', { value: 'false', text: t('value.no') }));
  const specialNeedsInput = input('specialNeeds', { type: 'checkbox' });
  const languagesInput = input('languages', { type: 'text', maxLength: 100, autocomplete: 'off', spellcheck: false });
  const openingInput = input('openingHoursText', { tag: 'textarea', rows: 3, maxLength: 4000 });
  const parentNoteInput = input('parentNote', { tag: 'textarea', rows: 2, maxLength: 1000 });
  const notesInput = input('notes', { tag: 'textarea', rows: 3, maxLength: 4000 });
  const validFromInput = input('validFrom', { type: 'date' });
  const validToInput = input('validTo', { type: 'date' });
  const verifiedInput = input('lastVerifiedAt', { type: 'date' });
  const verifiedButton = el('button', { type: 'button', className: 'button', id: 'verified-today', text: t('editor.verifiedToday') });

  const scheduleHost = el('div', { id: 'schedule-editor' });
  const closuresHost = el('div', { id: 'closures-editor' });
  const errorSummary = el('div', { id: 'error-summary', className: 'notice notice--error', hidden: true, attrs: { tabindex: '-1' } });
  const conflictPanel = el('section', { id: 'conflict-panel', className: 'conflict', hidden: true, attrs: { 'aria-labelledby': 'conflict-heading' } });
  const saveResult = el('div', { id: 'save-result', attrs: { role: 'status' } });
  const saveButton = el('button', { type: 'submit', className: 'button button--primary', id: 'save-club', text: creating ? t('editor.create') : t('editor.save') });

  const links = el('p', { className: 'editor-links' });
  if (!creating) {
    links.append(
      el('a', { href: `#clubs/${encodeURIComponent(state.doc.slug)}/history`, id: 'history-link', text: t('editor.history') }), ' · ',
      el('a', { href: `/clubs/${encodeURIComponent(state.doc.slug)}`, target: '_blank', rel: 'noopener', text: t('editor.publicPage') }));
  }

  const form = el('form', { id: 'club-form', className: 'editor', noValidate: true, attrs: { 'aria-labelledby': 'editor-heading' } },
    errorSummary,
    conflictPanel,
    el('fieldset', { className: 'card' },
      el('legend', { text: t('editor.basics') }),
      creating ? field(t('field.slug'), slugInput, { hint: t('editor.slugHint') }) : null,
      field(t('field.name'), nameInput),
      el('div', { className: 'row' },
        field(t('field.organization'), orgSelect),
        field(t('field.status'), statusSelect, { hint: t('editor.statusHint') }))),
    el('fieldset', { className: 'card' },
      el('legend', { text: t('editor.addressAndPoint') }),
      el('div', { className: 'row' },
        el('div', { className: 'field field--grow' },
          el('label', { htmlFor: streetInput.id, id: 'street-label', text: t('field.street') }),
          el('div', { className: 'combobox' }, streetInput, streetList),
          el('p', { id: 'street-hint', className: 'field__hint', text: t('address.hint') }),
          addressStatus),
        field(t('field.houseNumber'), houseInput, { className: 'field--short' }),
        field(t('field.postcode'), postcodeInput, { className: 'field--short' })),
      unlocatedNote,
      el('p', { id: 'map-hint', className: 'field__hint', text: t('location.hint') }),
      mapElement,
      el('div', { className: 'row' },
        field(t('field.lat'), latInput, { className: 'field--short' }),
        field(t('field.lon'), lonInput, { className: 'field--short' }),
        field(t('field.precision'), precisionSelect)),
      districtOutput),
    el('fieldset', { className: 'card' },
      el('legend', { text: t('editor.contacts') }),
      el('div', { className: 'row' }, field(t('field.phone'), phoneInput), field(t('field.email'), emailInput)),
      el('div', { className: 'row' }, field(t('field.website'), websiteInput), field(t('field.sourceUrl'), sourceInput))),
    el('fieldset', { className: 'card' },
      el('legend', { text: t('editor.details') }),
      field(t('field.description'), descriptionInput),
      el('div', { className: 'row' },
        field(t('field.fee'), feeInput),
        field(t('field.registrationRequired'), registrationSelect),
        field(t('field.languages'), languagesInput, { hint: t('editor.languagesHint') })),
      el('div', { className: 'field field--check' }, specialNeedsInput, el('label', { htmlFor: specialNeedsInput.id, text: t('field.specialNeeds') })),
      field(t('field.openingHoursText'), openingInput),
      field(t('field.parentNote'), parentNoteInput, { hint: t('editor.parentNoteHint') }),
      field(t('field.notes'), notesInput, { hint: t('editor.notesHint') })),
    el('fieldset', { className: 'card' },
      el('legend', { text: t('editor.season') }),
      el('div', { className: 'row' },
        field(t('field.validFrom'), validFromInput),
        field(t('field.validTo'), validToInput),
        field(t('field.lastVerifiedAt'), verifiedInput),
        el('div', { className: 'field field--button' }, verifiedButton))),
    el('section', { className: 'card', attrs: { 'aria-labelledby': 'sessions-heading' } },
      el('h2', { id: 'sessions-heading', text: t('sessions.heading') }), scheduleHost),
    el('section', { className: 'card', attrs: { 'aria-labelledby': 'closures-heading' } },
      el('h2', { id: 'closures-heading', text: t('closures.heading') }), closuresHost),
    el('div', { className: 'save-bar' }, saveResult, el('div', { className: 'actions' }, saveButton,
      el('a', { href: '#clubs', className: 'button', text: t('editor.backToList') }))));

  container.append(links, form);
  addDescribedBy(streetInput, 'street-hint');

  const markDirty = () => { state.dirty = true; };
  form.addEventListener('input', markDirty);
  form.addEventListener('change', markDirty);

  const schedule = createScheduleEditor(scheduleHost, { announce: context.status, onChange: markDirty });
  const closures = createClosuresEditor(closuresHost, { announce: context.status, onChange: markDirty });

  const { config, districts } = mapData;
  const picker = createLocationPicker(mapElement, {
    center: config.center ?? undefined,
    zoom: config.zoom ?? 12,
    tileUrl: config.tileUrl ?? '',
    tileAttribution: config.tileAttribution ?? '',
    districts,
    location: null,
    onMove: onMarkerMoved
  });

  createAddressCombobox(streetInput, streetList, {
    fetchSuggestions: (q) => api.places(q),
    describe: (place) => (place.district ? `${place.label} — ${place.district.name}` : place.label),
    announce: (text) => { addressStatus.textContent = text; },
    onChoose: onPlaceChosen
  });

  function onPlaceChosen(place) {
    const parsed = /^(.*?)\s+(\d+[A-Za-z]?(?:\/\d+[A-Za-z]?)?)(?:\s*,\s*(\d{2}-\d{3}))?(?:\s*,.*)?$/.exec(place.label);
    if (place.kind === 'address' && parsed) {
      streetInput.value = parsed[1];
      houseInput.value = parsed[2];
      if (parsed[3]) {
        postcodeInput.value = parsed[3];
      }
    } else if (place.kind === 'street' || place.kind === 'address') {
      streetInput.value = place.label.split(',')[0];
    }
    precisionSelect.value = place.kind === 'address' ? 'building' : place.kind === 'street' ? 'street' : 'area';
    setPoint({ lat: place.lat, lon: place.lon }, { zoom: true });
    markDirty();
    context.status(t('location.movedToAddress', { label: place.label }));
  }

  function onMarkerMoved(point) {
    setPoint(point, { moveMarker: false });
    if (precisionSelect.value !== 'building') {
      precisionSelect.value = 'building';
    }
    markDirty();
    context.status(t('location.moved', { lat: point.lat.toFixed(6), lon: point.lon.toFixed(6) }));
  }

  function setPoint(point, { moveMarker = true, zoom = false } = {}) {
    latInput.value = point ? point.lat.toFixed(6) : '';
    lonInput.value = point ? point.lon.toFixed(6) : '';
    if (point && moveMarker) {
      picker.moveTo(point, { zoom });
    }
    unlocatedNote.hidden = Boolean(point);
    showDistrict(state.doc.district, point && !sameValue(roundPoint(point), roundPoint(state.doc.location)));
  }

  function onCoordinatesChanged() {
    const lat = Number(latInput.value.replace(',', '.'));
    const lon = Number(lonInput.value.replace(',', '.'));
    if (latInput.value.trim() && lonInput.value.trim() && Number.isFinite(lat) && Number.isFinite(lon)) {
      picker.moveTo({ lat, lon }, { zoom: false });
      showDistrict(state.doc.district, true);
    }
  }
  latInput.addEventListener('change', onCoordinatesChanged);
  lonInput.addEventListener('change', onCoordinatesChanged);

  function showDistrict(district, moved) {
    const name = district ? t('location.district', { number: district.number, name: district.name }) : t('location.noDistrict');
    districtOutput.textContent = moved ? `${name} ${t('location.recomputed')}` : name;
  }

  verifiedButton.addEventListener('click', () => {
    verifiedInput.value = todayIso();
    markDirty();
    context.status(t('editor.verifiedTodaySet'));
  });

  function fill(doc) {
    state.doc = doc;
    slugInput.value = doc.slug ?? '';
    nameInput.value = doc.name ?? '';
    if (doc.organization && ![...orgSelect.options].some((o) => o.value === doc.organization)) {
      orgSelect.append(el('option', { value: doc.organization, text: doc.organization }));
    }
    orgSelect.value = doc.organization ?? '';
    statusSelect.value = doc.status ?? 'active';
    streetInput.value = doc.address?.street ?? '';
    houseInput.value = doc.address?.houseNumber ?? '';
    postcodeInput.value = doc.address?.postcode ?? '';
    precisionSelect.value = doc.location?.precision ?? 'building';
    setPoint(doc.location ?? null, { zoom: true });
    phoneInput.value = doc.phone ?? '';
    emailInput.value = doc.email ?? '';
    websiteInput.value = doc.website ?? '';
    sourceInput.value = doc.sourceUrl ?? '';
    descriptionInput.value = doc.description ?? '';
    feeInput.value = doc.fee ?? '';
    registrationSelect.value = doc.registrationRequired === true ? 'true' : doc.registrationRequired === false ? 'false' : '';
    specialNeedsInput.checked = Boolean(doc.specialNeeds);
    languagesInput.value = (doc.languages ?? []).join(' ');
    openingInput.value = doc.openingHoursText ?? '';
    parentNoteInput.value = doc.parentNote ?? '';
    notesInput.value = doc.notes ?? '';
    validFromInput.value = doc.validFrom ?? '';
    validToInput.value = doc.validTo ?? '';
    verifiedInput.value = doc.lastVerifiedAt ?? '';
    schedule.setSessions(doc.sessions ?? []);
    closures.setClosures(doc.closures ?? []);
    state.baseline = normalizeDoc(collect());
    state.dirty = false;
    showDistrict(doc.district, false);
  }

  function collect() {
    const lat = Number(latInput.value.replace(',', '.'));
    const lon = Number(lonInput.value.replace(',', '.'));
    const located = latInput.value.trim() !== '' && lonInput.value.trim() !== '' && Number.isFinite(lat) && Number.isFinite(lon);
    const value = (control) => (control.value.trim() === '' ? null : control.value);
    return {
      slug: creating ? slugInput.value.trim() : state.doc.slug,
      name: nameInput.value,
      organization: orgSelect.value || null,
      status: statusSelect.value,
      address: { street: value(streetInput), houseNumber: value(houseInput), postcode: value(postcodeInput) },
      location: located ? { lat, lon, precision: precisionSelect.value } : null,
      phone: value(phoneInput),
      email: value(emailInput),
      website: value(websiteInput),
      description: value(descriptionInput),
      fee: value(feeInput),
      registrationRequired: registrationSelect.value === '' ? null : registrationSelect.value === 'true',
      specialNeeds: specialNeedsInput.checked,
      languages: languagesInput.value.split(/[\s,;]+/).map((l) => l.trim().toLowerCase()).filter(Boolean),
      openingHoursText: value(openingInput),
      parentNote: value(parentNoteInput),
      notes: value(notesInput),
      validFrom: validFromInput.value || null,
      validTo: validToInput.value || null,
      lastVerifiedAt: verifiedInput.value || null,
      sourceUrl: value(sourceInput),
      sessions: schedule.getSessions(),
      closures: closures.getClosures()
    };
  }

  // --- field errors
  let shownErrors = [];

  function controlFor(key) {
    const session = /^sessions\[(\d+)\]\.(\w+)$/.exec(key);
    if (session) {
      return schedule.controlFor(Number(session[1]), session[2]) ?? schedule.controlFor(Number(session[1]), 'weekday');
    }
    const closure = /^closures\[(\d+)\]\.(\w+)$/.exec(key);
    if (closure) {
      return closures.controlFor(Number(closure[1]), closure[2]) ?? closures.controlFor(Number(closure[1]), 'from');
    }
    const aliases = { location: 'location.lat', 'location.lat': 'location.lat', 'location.lon': 'location.lon' };
    return controls[aliases[key] ?? key] ?? null;
  }

  function clearErrors() {
    for (const { control, id, message } of shownErrors) {
      control.removeAttribute('aria-invalid');
      removeDescribedBy(control, id);
      message.remove();
    }
    shownErrors = [];
    errorSummary.hidden = true;
    errorSummary.replaceChildren();
  }

  function showErrors(errors) {
    clearErrors();
    const items = [];
    for (const [key, messages] of Object.entries(errors)) {
      const text = (Array.isArray(messages) ? messages : [String(messages)]).join(' ');
      const control = controlFor(key);
      if (control) {
        const id = uniqueId('error');
        const message = el('p', { id, className: 'field-error', dataset: { errorFor: key }, text });
        const anchor = control.closest('.field, td, .combobox') ?? control;
        if (anchor.matches('td')) {
          anchor.append(message);
        } else if (anchor.classList.contains('combobox')) {
          anchor.after(message);
        } else {
          anchor.append(message);
        }
        control.setAttribute('aria-invalid', 'true');
        addDescribedBy(control, id);
        shownErrors.push({ control, id, message });
        const link = el('a', { href: `#${control.id}`, text: `${labelFor(key)}: ${text}` });
        link.addEventListener('click', (event) => {
          event.preventDefault();
          control.focus();
        });
        items.push(el('li', {}, link));
      } else {
        items.push(el('li', { text: `${labelFor(key)}: ${text}` }));
      }
    }
    errorSummary.append(el('h2', { text: t('editor.errorsHeading', { count: items.length }) }), el('ul', {}, items));
    errorSummary.hidden = false;
    errorSummary.focus();
  }

  function labelFor(key) {
    const session = /^sessions\[(\d+)\]\.(\w+)$/.exec(key);
    if (session) {
      return `${t('sessions.rowLabel', { number: Number(session[1]) + 1 })}, ${t(`sessions.${session[2]}`)}`;
    }
    const closure = /^closures\[(\d+)\]\.(\w+)$/.exec(key);
    if (closure) {
      return `${t('closures.rowLabel', { number: Number(closure[1]) + 1 })}, ${t(`closures.${closure[2]}`)}`;
    }
    const label = t(`field.${key.replace('address.', '').replace('location.', '')}`);
    return label.startsWith('field.') ? key : label;
  }

  // The server cannot read a closure without dates, so those are caught here first.
  function localErrors(doc) {
    const errors = {};
    doc.closures.forEach((closure, index) => {
      for (const side of ['from', 'to']) {
        if (!closure[side]) {
          errors[`closures[${index}].${side}`] = [t('closures.dateRequired')];
        }
      }
    });
    doc.sessions.forEach((session, index) => {
      if (!session.startsAt) {
        errors[`sessions[${index}].startsAt`] = [t('sessions.startRequired')];
      }
    });
    if (creating && !doc.slug) {
      errors.slug = [t('editor.slugRequired')];
    }
    if (!doc.name?.trim()) {
      errors.name = [t('editor.nameRequired')];
    }
    return errors;
  }

  // --- saving
  form.addEventListener('submit', onSubmit);

  async function onSubmit(event) {
    event.preventDefault();
    const doc = collect();
    const local = localErrors(doc);
    if (Object.keys(local).length) {
      showErrors(local);
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
      clearErrors();
      hideConflict();
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
        if (problem.errors) {
          showErrors(problem.errors);
        } else {
          showErrors({ form: [problem.detail || problem.title] });
        }
        context.status(t('editor.notSaved'));
        break;
      case 403:
        context.alert(t('editor.notYours'));
        break;
      case 412:
        showConflict(doc, problem.current, problem.etag);
        break;
      case 428:
        context.alert(t('editor.reload'));
        break;
      default:
        context.alert(problem.status ? (problem.detail || problem.title) : t('error.network'));
    }
  }

  // --- conflicts: what I loaded (baseline), what I typed (mine), what is stored now (theirs)
  function showConflict(mineDoc, currentDoc, etag) {
    if (!currentDoc) {
      context.alert(t('editor.reload'));
      return;
    }
    const base = state.baseline;
    const mine = normalizeDoc(mineDoc);
    const theirs = normalizeDoc(currentDoc);
    const theirChanges = FIELDS.filter((f) => !sameValue(base[f], theirs[f]));
    const myChanges = FIELDS.filter((f) => !sameValue(base[f], mine[f]));
    const both = myChanges.filter((f) => theirChanges.includes(f) && !sameValue(mine[f], theirs[f]));

    const theirList = el('ul', { id: 'conflict-their-changes' }, theirChanges.map((f) => el('li', { dataset: { field: f } },
      el('strong', { text: t(`field.${f}`) }), ': ',
      el('span', { text: describeValue(f, base[f]) }), ' → ',
      el('span', { className: 'value-new', text: describeValue(f, theirs[f]) }))));
    const myList = el('ul', { id: 'conflict-my-changes' }, myChanges.map((f) => el('li', { dataset: { field: f } },
      el('strong', { text: t(`field.${f}`) }), ': ',
      el('span', { className: 'value-new', text: describeValue(f, mine[f]) }),
      both.includes(f) ? el('span', { className: 'badge badge--warning', text: t('conflict.both') }) : null)));

    const reapply = el('button', { type: 'button', className: 'button button--primary', id: 'conflict-reapply', text: t('conflict.reapply') });
    const discard = el('button', { type: 'button', className: 'button', id: 'conflict-discard', text: t('conflict.discard') });
    conflictPanel.replaceChildren(
      el('h2', { id: 'conflict-heading', attrs: { tabindex: '-1' }, text: t('conflict.heading') }),
      el('p', { text: t('conflict.intro') }),
      el('h3', { text: t('conflict.theirs') }),
      theirChanges.length ? theirList : el('p', { text: t('conflict.noneTheirs') }),
      el('h3', { text: t('conflict.mine') }),
      myChanges.length ? myList : el('p', { text: t('conflict.noneMine') }),
      both.length ? el('p', { className: 'notice notice--warning', text: t('conflict.bothWarning', { fields: both.map((f) => t(`field.${f}`)).join(', ') }) }) : null,
      el('div', { className: 'actions' }, reapply, discard));
    conflictPanel.hidden = false;
    conflictPanel.querySelector('h2').focus();
    context.status(t('conflict.heading'));

    reapply.addEventListener('click', () => {
      // Their version is the new base; my edited fields go on top, and I review before saving.
      const merged = { ...currentDoc };
      for (const f of myChanges) {
        merged[f] = mineDoc[f];
      }
      state.etag = etag;
      fill(currentDoc);
      const mergedBaseline = state.baseline;
      fillFields(merged);
      state.baseline = mergedBaseline;
      state.dirty = true;
      hideConflict();
      saveResult.replaceChildren(el('p', { className: 'notice notice--warning', id: 'reapplied-message',
        text: t('conflict.reapplied', { fields: myChanges.map((f) => t(`field.${f}`)).join(', ') || '—' }) }));
      context.status(t('conflict.reapplied', { fields: myChanges.map((f) => t(`field.${f}`)).join(', ') || '—' }));
      saveButton.focus();
    });
    discard.addEventListener('click', () => {
      state.etag = etag;
      fill(currentDoc);
      hideConflict();
      saveResult.replaceChildren(el('p', { className: 'notice', text: t('conflict.discarded') }));
      context.status(t('conflict.discarded'));
      nameInput.focus();
    });
  }

  // Fills the form without moving the baseline (used to lay my edits over their version).
  function fillFields(doc) {
    const keepDoc = state.doc;
    fill(doc);
    state.doc = keepDoc;
  }

  function hideConflict() {
    conflictPanel.hidden = true;
    conflictPanel.replaceChildren();
  }

  return {
    fill,
    destroy: () => picker.destroy()
  };
}

function roundPoint(point) {
  return point ? { lat: Math.round(point.lat * 1e6) / 1e6, lon: Math.round(point.lon * 1e6) / 1e6 } : null;
}
