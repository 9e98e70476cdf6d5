// "Zgłoś poprawkę" on a club and "Znasz klub, którego nie ma na mapie?" elsewhere: a button that
// opens a small form in place and sends it to POST /api/suggestions. Every label carries its
// data-i18n key, so the page's own translateDocument() re-labels it when the language changes.
// What people typed is only ever put back as text.

import { t, translateDocument } from './i18n.js';

export const DEFAULTS = {
  endpoint: '/api/suggestions',
  retentionDays: 90
};

// One table drives building, reading back and labelling the form.
const TOPICS = ['address', 'hours', 'contact', 'closed', 'other'];
const FIELDS = {
  correction: [
    { name: 'topic', label: 'suggest.topic', kind: 'select', options: TOPICS, required: true },
    { name: 'text', label: 'suggest.text', kind: 'textarea', max: 2000, required: true }
  ],
  'missing-club': [
    { name: 'name', label: 'suggest.name', kind: 'text', max: 200, required: true },
    { name: 'place', label: 'suggest.place', kind: 'text', max: 200, required: true },
    { name: 'operator', label: 'suggest.operator', kind: 'text', max: 200 },
    { name: 'link', label: 'suggest.link', kind: 'url', max: 500 },
    { name: 'text', label: 'suggest.notes', kind: 'textarea', max: 2000 }
  ]
};
const CONTACT = [
  { name: 'email', label: 'suggest.email', kind: 'email', max: 254, hint: 'suggest.emailHint' },
  { name: 'emailConsent', label: 'suggest.consent', kind: 'checkbox' }
];

let formCount = 0;

// kind: 'correction' (options.club = { slug, name }) or 'missing-club'.
export function createSuggestionForm(container, options) {
  const settings = { ...DEFAULTS, ...options };
  const id = `suggest-${++formCount}`;
  const fields = [...FIELDS[settings.kind], ...CONTACT];
  const prefix = settings.kind === 'correction' ? 'suggest.correction' : 'suggest.missing';

  const root = element('div', { class: 'suggest' });
  const toggle = element('button', {
    type: 'button', class: 'button button--link suggest__toggle', 'aria-expanded': 'false', 'aria-controls': id, 'data-i18n': `${prefix}.open`
  });
  const form = element('form', { id, class: 'suggest__form', novalidate: '', hidden: '', 'aria-labelledby': `${id}-heading` });
  const heading = element('h3', { id: `${id}-heading`, class: 'suggest__heading', tabindex: '-1', 'data-i18n': `${prefix}.heading` });
  const intro = element('p', { class: 'suggest__intro', 'data-i18n': `${prefix}.intro` });
  const status = element('p', { class: 'suggest__status', role: 'status', 'aria-live': 'polite' });
  const send = element('button', { type: 'submit', class: 'button button--primary', 'data-i18n': 'suggest.send' });
  const cancel = element('button', { type: 'button', class: 'button', 'data-i18n': 'suggest.cancel' });
  form.append(heading, intro, ...fields.map((field) => buildField(id, field)), buildTrap(id),
    element('p', { class: 'suggest__privacy', 'data-i18n': 'suggest.privacy' }),
    element('div', { class: 'suggest__actions' }, [send, cancel]));
  root.append(toggle, form, status);
  container.append(root);
  if (t('suggest.send') !== 'suggest.send') {
    translateDocument(root);
  }

  toggle.addEventListener('click', function onToggle() {
    setOpen(form.hidden);
  });
  cancel.addEventListener('click', function onCancel() {
    setOpen(false);
  });
  form.addEventListener('keydown', function onKeydown(event) {
    if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
    }
  });
  form.addEventListener('submit', onSubmit);

  function setOpen(open) {
    form.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) {
      say('', '');
      heading.focus();
    } else {
      toggle.focus();
    }
  }

  async function onSubmit(event) {
    event.preventDefault();
    const body = readBack(form, fields, settings);
    const errors = checkLocally(body, fields);
    if (errors.length) {
      showErrors(form, errors);
      return;
    }
    showErrors(form, []);
    send.disabled = true;
    say('suggest.sending', 'info');
    try {
      const response = await fetch(settings.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body)
      });
      if (response.status === 202) {
        form.reset();
        form.hidden = true;
        toggle.setAttribute('aria-expanded', 'false');
        say('suggest.thanks', 'success');
        toggle.focus();
      } else if (response.status === 400 && (await problemErrors(response)).length) {
        say('suggest.fixErrors', 'error');
        showErrors(form, await problemErrors(response));
      } else {
        say(response.status === 429 ? 'suggest.tooMany' : 'suggest.failed', 'error');
      }
    } catch {
      say('suggest.failed', 'error');
    } finally {
      send.disabled = false;
    }
  }

  function say(key, kind) {
    status.dataset.i18n = key;
    status.textContent = key ? t(key) : '';
    status.dataset.kind = kind;
    if (!key) {
      delete status.dataset.i18n;
    }
  }

  return { element: root, open: () => setOpen(true) };
}

// Static pages mark where the missing-club form goes: <div data-suggest="missing-club"></div>.
export function mountSuggestionForms(root = document) {
  for (const container of root.querySelectorAll('[data-suggest="missing-club"]:not([data-mounted])')) {
    container.dataset.mounted = 'true';
    createSuggestionForm(container, { kind: 'missing-club' });
  }
}

function buildField(id, field) {
  const inputId = `${id}-${field.name}`;
  const wrapper = element('div', { class: field.kind === 'checkbox' ? 'check' : 'field', 'data-field': field.name });
  const label = element('label', { for: inputId }, [element('span', { 'data-i18n': field.label })]);
  if (field.required) {
    label.append(' ', element('span', { class: 'suggest__required', 'data-i18n': 'suggest.required' }));
  }
  let input;
  if (field.kind === 'select') {
    input = element('select', { id: inputId, name: field.name });
    input.append(element('option', { value: '', 'data-i18n': 'suggest.choose' }),
      ...field.options.map((value) => element('option', { value, 'data-i18n': `suggest.topics.${value}` })));
  } else if (field.kind === 'textarea') {
    input = element('textarea', { id: inputId, name: field.name, rows: '4', maxlength: String(field.max) });
  } else {
    input = element('input', { id: inputId, name: field.name, type: field.kind, ...(field.max ? { maxlength: String(field.max) } : {}) });
  }
  if (field.kind === 'email') {
    input.autocomplete = 'email';
  }
  if (field.required) {
    input.setAttribute('aria-required', 'true');
  }
  const described = [];
  const parts = field.kind === 'checkbox' ? [input, label] : [label, input];
  if (field.hint) {
    parts.push(element('p', { id: `${inputId}-hint`, class: 'field__hint', 'data-i18n': field.hint }));
    described.push(`${inputId}-hint`);
  }
  const error = element('p', { id: `${inputId}-error`, class: 'error-text suggest__error', hidden: '' });
  parts.push(error);
  described.push(error.id);
  input.setAttribute('aria-describedby', described.join(' '));
  wrapper.append(...parts);
  return wrapper;
}

// Hidden from people and assistive technology; a robot that fills every field fills this one too.
function buildTrap(id) {
  const trap = element('div', { class: 'suggest__trap', 'aria-hidden': 'true' });
  trap.append(element('label', { for: `${id}-website` }, ['Website']),
    element('input', { id: `${id}-website`, name: 'website', type: 'text', tabindex: '-1', autocomplete: 'off' }));
  return trap;
}

function readBack(form, fields, settings) {
  const body = { kind: settings.kind };
  if (settings.club) {
    body.club = settings.club.slug;
  }
  for (const field of fields) {
    const input = form.elements[field.name];
    body[field.name] = field.kind === 'checkbox' ? input.checked : input.value.trim() || null;
  }
  body.website = form.elements.website.value;
  return body;
}

function checkLocally(body, fields) {
  const missing = fields.filter((field) => field.required && !body[field.name]).map((field) => field.name);
  if (body.email && !body.emailConsent) {
    missing.push('emailConsent');
  }
  return missing;
}

async function problemErrors(response) {
  if (!response.problem) {
    response.problem = await response.json().catch(() => ({}));
  }
  return Object.keys(response.problem?.errors ?? {});
}

function showErrors(form, names) {
  for (const wrapper of form.querySelectorAll('[data-field]')) {
    const name = wrapper.dataset.field;
    const input = form.elements[name];
    const error = wrapper.querySelector('.suggest__error');
    const invalid = names.includes(name);
    if (invalid) {
      input.setAttribute('aria-invalid', 'true');
    } else {
      input.removeAttribute('aria-invalid');
    }
    error.hidden = !invalid;
    error.dataset.i18n = `suggest.errors.${name}`;
    error.textContent = invalid ? t(`suggest.errors.${name}`) : '';
  }
  const first = names.map((name) => form.elements[name]).find(Boolean);
  first?.focus();
}

function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}
