// The club document as the editor compares it: a normal form (trimmed text, empty as null)
// so "what I loaded", "what I typed" and "what is stored now" can be diffed field by field.

import { t, weekdayName, formatDate } from './i18n.js';

// The same fields, in the same order, as the server's ChangedFields.
export const FIELDS = ['name', 'organization', 'status', 'address', 'location', 'phone', 'email', 'website', 'description', 'fee',
  'registrationRequired', 'specialNeeds', 'languages', 'openingHoursText', 'parentNote', 'notes', 'validFrom', 'validTo', 'lastVerifiedAt',
  'sourceUrl', 'sessions', 'closures'];

const text = (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

export function normalizeDoc(doc) {
  const address = doc.address ?? {};
  return {
    name: text(doc.name),
    organization: text(doc.organization),
    status: doc.status || 'active',
    address: { street: text(address.street), houseNumber: text(address.houseNumber), postcode: text(address.postcode) },
    location: doc.location
      ? { lat: Math.round(doc.location.lat * 1e6) / 1e6, lon: Math.round(doc.location.lon * 1e6) / 1e6, precision: doc.location.precision }
      : null,
    phone: text(doc.phone),
    email: text(doc.email),
    website: text(doc.website),
    description: text(doc.description),
    fee: text(doc.fee),
    registrationRequired: doc.registrationRequired ?? null,
    specialNeeds: Boolean(doc.specialNeeds),
    languages: (doc.languages ?? []).map((l) => l.trim().toLowerCase()).filter(Boolean),
    openingHoursText: text(doc.openingHoursText),
    parentNote: text(doc.parentNote),
    notes: text(doc.notes),
    validFrom: doc.validFrom || null,
    validTo: doc.validTo || null,
    lastVerifiedAt: doc.lastVerifiedAt || null,
    sourceUrl: text(doc.sourceUrl),
    sessions: (doc.sessions ?? []).map((s) => ({
      weekday: Number(s.weekday),
      startsAt: s.startsAt || null,
      endsAt: s.endsAt || null,
      title: text(s.title),
      audience: text(s.audience),
      registrationRequired: s.registrationRequired ?? null,
      validFrom: s.validFrom || null,
      validTo: s.validTo || null
    })),
    closures: (doc.closures ?? []).map((c) => ({ from: c.from || null, to: c.to || null, reason: text(c.reason) }))
  };
}

export function sameValue(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

// A short, human reading of one field's value, for conflict panels and the history.
export function describeValue(field, value) {
  const empty = t('value.empty');
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return empty;
  }
  switch (field) {
    case 'address':
      return [[value.street, value.houseNumber].filter(Boolean).join(' '), value.postcode].filter(Boolean).join(', ') || empty;
    case 'location':
      return `${value.lat.toFixed(6)}, ${value.lon.toFixed(6)} (${t(`precision.${value.precision}`)})`;
    case 'status':
      return t(`status.${value}`);
    case 'registrationRequired':
    case 'specialNeeds':
      return value ? t('value.yes') : t('value.no');
    case 'languages':
      return value.join(', ');
    case 'validFrom':
    case 'validTo':
    case 'lastVerifiedAt':
      return formatDate(value, { dateStyle: 'medium' }) || value;
    case 'sessions':
      return value.map((s) => `${weekdayName(s.weekday, 'short')} ${s.startsAt ?? ''}${s.endsAt ? `–${s.endsAt}` : ''}${s.title ? ` ${s.title}` : ''}${s.audience ? ` (${s.audience})` : ''}`).join('; ');
    case 'closures':
      return value.map((c) => `${c.from ?? '?'} – ${c.to ?? '?'}${c.reason ? ` ${c.reason}` : ''}`).join('; ');
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

// A new club's document before anything is typed.
export function blankDoc(organization) {
  return {
    slug: '',
    name: '',
    organization,
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

// What the form checks before saving, as field errors: the server cannot read a closure without
// dates or a session without a start, and a club needs a name (and a new one a slug).
export function missingValues(doc, { creating }) {
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
