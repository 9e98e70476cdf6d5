// Operators (Admin): the list and a form to add one.

import { t } from './i18n.js';
import { el, field } from './dom.js';
import { formErrors } from './formErrors.js';

const TYPES = ['ngo', 'culture', 'mops', 'city', 'other'];

export async function renderOrganizations(container, context) {
  const body = el('tbody');
  container.append(el('h1', { text: t('orgs.heading') }),
    el('div', { className: 'table-wrap' }, el('table', { className: 'table', id: 'org-table' },
      el('caption', { className: 'visually-hidden', text: t('orgs.heading') }),
      el('thead', {}, el('tr', {}, ['orgs.name', 'orgs.slug', 'orgs.type', 'orgs.contact', 'orgs.clubs'].map((k) => el('th', { scope: 'col', text: t(k) })))),
      body)));

  const inputs = {
    name: el('input', { type: 'text', id: 'org-name', maxLength: 200, required: true }),
    slug: el('input', { type: 'text', id: 'org-slug', maxLength: 60, spellcheck: false }),
    type: el('select', { id: 'org-type' }, TYPES.map((type) => el('option', { value: type, text: t(`orgType.${type}`) }))),
    email: el('input', { type: 'email', id: 'org-email', maxLength: 200 }),
    phone: el('input', { type: 'tel', id: 'org-phone', maxLength: 40 }),
    website: el('input', { type: 'url', id: 'org-website', maxLength: 500 })
  };
  const errors = formErrors(inputs);
  const form = el('form', { className: 'card', noValidate: true, attrs: { 'aria-labelledby': 'org-add-heading' } },
    el('h2', { id: 'org-add-heading', text: t('orgs.add') }),
    el('div', { className: 'row' }, field(t('orgs.name'), inputs.name), field(t('orgs.slug'), inputs.slug, { hint: t('editor.slugHint') })),
    el('div', { className: 'row' }, field(t('orgs.type'), inputs.type), field(t('field.email'), inputs.email),
      field(t('field.phone'), inputs.phone), field(t('field.website'), inputs.website)),
    el('div', { className: 'actions' }, el('button', { type: 'submit', className: 'button button--primary', text: t('orgs.submit') })));
  container.append(form);

  async function load() {
    try {
      const orgs = await context.api.organizations();
      body.replaceChildren(...orgs.map((org) => el('tr', {},
        el('th', { scope: 'row', text: org.name }),
        el('td', { text: org.slug }),
        el('td', { text: t(`orgType.${org.type}`) }),
        el('td', { text: [org.email, org.phone, org.website].filter(Boolean).join(' · ') }),
        el('td', { text: String(org.clubCount) }))));
    } catch (problem) {
      context.alert(problem.detail || t('error.network'));
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    const value = (input) => input.value.trim() || null;
    try {
      const answer = await context.api.createOrganization({
        slug: value(inputs.slug), name: value(inputs.name), type: inputs.type.value,
        email: value(inputs.email), phone: value(inputs.phone), website: value(inputs.website)
      });
      form.reset();
      context.status(t('orgs.added', { name: answer.body.name }));
      await load();
    } catch (problem) {
      errors.show(problem, context);
    }
  });
  await load();
  return undefined;
}
