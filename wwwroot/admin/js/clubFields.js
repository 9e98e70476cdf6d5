// The club form's plain fields in one table: where the value sits in the document, the label's
// key, the kind of control, and how a document value becomes the control's value (format) and
// back (parse). The editor builds, fills and reads its controls from it, and error messages and
// the conflict panel take their labels from it.

import { t } from './i18n.js';
import { el, field } from './dom.js';

const orEmpty = (value) => value ?? '';
const orNull = (value) => (value.trim() === '' ? null : value);
const input = (type) => ({ tag: 'input', type, parse: orNull, format: orEmpty });

const KINDS = {
  text: input('text'),
  tel: input('tel'),
  email: input('email'),
  url: input('url'),
  date: { ...input('date'), parse: (value) => value || null },
  textarea: { tag: 'textarea', parse: orNull, format: orEmpty },
  select: { tag: 'select', parse: (value) => value, format: orEmpty },
  checkbox: { tag: 'input', type: 'checkbox', parse: Boolean, format: Boolean }
};

// Six decimals is about 10 cm; a comma is read as the decimal point.
const coordinate = {
  parse: (value) => (value.trim() === '' ? null : Number(value.replace(',', '.'))),
  format: (value) => (Number.isFinite(value) ? value.toFixed(6) : '')
};
const decimal = { inputMode: 'decimal', autocomplete: 'off' };
const translated = (prefix, values) => () => values.map((value) => [value, t(`${prefix}.${value}`)]);

// short: a narrow field; hint: the key of the text under the control; options: [value, text] pairs.
const FIELDS = [
  { name: 'slug', label: 'field.slug', kind: 'text', hint: 'editor.slugHint', props: { maxLength: 60, autocomplete: 'off', spellcheck: false },
    parse: (value) => value.trim() },
  { name: 'name', label: 'field.name', kind: 'text', props: { maxLength: 200, required: true, autocomplete: 'off' }, parse: (value) => value },
  { name: 'organization', label: 'field.organization', kind: 'select', parse: (value) => value || null,
    options: ({ organizations }) => organizations.map((org) => [org.slug, org.name]) },
  { name: 'status', label: 'field.status', kind: 'select', hint: 'editor.statusHint', options: translated('status', ['active', 'suspended', 'closed']),
    format: (value) => value ?? 'active' },
  { name: 'address.street', label: 'field.street', kind: 'text', props: { maxLength: 200 } },
  { name: 'address.houseNumber', label: 'field.houseNumber', kind: 'text', short: true, props: { maxLength: 40, autocomplete: 'off' } },
  { name: 'address.postcode', label: 'field.postcode', kind: 'text', short: true,
    props: { maxLength: 6, inputMode: 'numeric', placeholder: '30-001', autocomplete: 'off' } },
  { name: 'location.lat', label: 'field.lat', kind: 'text', short: true, props: decimal, ...coordinate },
  { name: 'location.lon', label: 'field.lon', kind: 'text', short: true, props: decimal, ...coordinate },
  { name: 'location.precision', label: 'field.precision', kind: 'select', options: translated('precision', ['building', 'street', 'area']),
    format: (value) => value ?? 'building' },
  { name: 'phone', label: 'field.phone', kind: 'tel', props: { maxLength: 40 } },
  { name: 'email', label: 'field.email', kind: 'email', props: { maxLength: 200 } },
  { name: 'website', label: 'field.website', kind: 'url', props: { maxLength: 500, placeholder: 'https://' } },
  { name: 'sourceUrl', label: 'field.sourceUrl', kind: 'url', props: { maxLength: 500, placeholder: 'https://' } },
  { name: 'description', label: 'field.description', kind: 'textarea', props: { rows: 5, maxLength: 4000 } },
  { name: 'fee', label: 'field.fee', kind: 'text', props: { maxLength: 200 } },
  { name: 'registrationRequired', label: 'field.registrationRequired', kind: 'select',
    options: () => [['', t('value.unknown')], ['true', t('value.yes')], ['false', t('value.no')]],
    parse: (value) => (value === '' ? null : value === 'true'), format: (value) => (typeof value === 'boolean' ? String(value) : '') },
  { name: 'specialNeeds', label: 'field.specialNeeds', kind: 'checkbox' },
  { name: 'languages', label: 'field.languages', kind: 'text', hint: 'editor.languagesHint', props: { maxLength: 100, autocomplete: 'off', spellcheck: false },
    parse: (value) => value.split(/[\s,;]+/).map((l) => l.trim().toLowerCase()).filter(Boolean), format: (value) => (value ?? []).join(' ') },
  { name: 'openingHoursText', label: 'field.openingHoursText', kind: 'textarea', props: { rows: 3, maxLength: 4000 } },
  { name: 'parentNote', label: 'field.parentNote', kind: 'textarea', hint: 'editor.parentNoteHint', props: { rows: 2, maxLength: 1000 } },
  { name: 'notes', label: 'field.notes', kind: 'textarea', hint: 'editor.notesHint', props: { rows: 3, maxLength: 4000 } },
  { name: 'validFrom', label: 'field.validFrom', kind: 'date' },
  { name: 'validTo', label: 'field.validTo', kind: 'date' },
  { name: 'lastVerifiedAt', label: 'field.lastVerifiedAt', kind: 'date' }
].map((row) => ({ ...KINDS[row.kind], ...row }));

const BY_NAME = new Map(FIELDS.map((row) => [row.name, row]));

const valueAt = (doc, name) => name.split('.').reduce((value, key) => value?.[key], doc);

function setValueAt(doc, name, value) {
  const keys = name.split('.');
  const last = keys.pop();
  keys.reduce((object, key) => (object[key] ??= {}), doc)[last] = value;
}

// One control per field, keyed by name; the id is club-{name} with the dot as a dash.
export function createControls({ organizations }) {
  return Object.fromEntries(FIELDS.map((row) => {
    const control = el(row.tag, { id: `club-${row.name.replace('.', '-')}`, name: row.name, type: row.type, ...row.props });
    for (const [value, text] of row.options?.({ organizations }) ?? []) {
      control.append(el('option', { value, text }));
    }
    return [row.name, control];
  }));
}

// The control in its labelled .field wrapper, with its hint.
export function fieldFor(controls, name) {
  const row = BY_NAME.get(name);
  const control = controls[name];
  if (row.kind === 'checkbox') {
    return el('div', { className: 'field field--check' }, control, el('label', { htmlFor: control.id, text: t(row.label) }));
  }
  return field(t(row.label), control, { hint: row.hint && t(row.hint), className: row.short ? 'field--short' : '' });
}

export function setControl(controls, name, value) {
  const row = BY_NAME.get(name);
  const control = controls[name];
  const shown = row.format(value);
  if (row.kind === 'checkbox') {
    control.checked = shown;
    return;
  }
  // A value the list does not offer (another operator's club, say) is shown, not lost on saving.
  if (row.kind === 'select' && shown && ![...control.options].some((option) => option.value === shown)) {
    control.append(el('option', { value: shown, text: shown }));
  }
  control.value = shown;
}

export function readControl(controls, name) {
  const row = BY_NAME.get(name);
  const control = controls[name];
  return row.parse(row.kind === 'checkbox' ? control.checked : control.value);
}

export function fillControls(controls, doc) {
  for (const { name } of FIELDS) {
    setControl(controls, name, valueAt(doc, name));
  }
}

// The plain fields as a document; a point needs both coordinates.
export function readControls(controls) {
  const doc = {};
  for (const { name } of FIELDS) {
    setValueAt(doc, name, readControl(controls, name));
  }
  if (!Number.isFinite(doc.location.lat) || !Number.isFinite(doc.location.lon)) {
    doc.location = null;
  }
  return doc;
}

// The label of a field, a document-level field ("address") or a server error key ("sessions[2].endsAt").
export function labelFor(key) {
  const row = /^(sessions|closures)\[(\d+)\]\.(\w+)$/.exec(key);
  if (row) {
    const [, list, index, name] = row;
    return `${t(`${list}.rowLabel`, { number: Number(index) + 1 })}, ${t(`${list}.${name}`)}`;
  }
  const label = BY_NAME.get(key)?.label ?? `field.${key}`;
  const text = t(label);
  return text === label ? key : text;
}
