// Personal API tokens: create (shown once, with copy), list with last use, revoke.

import { t } from './i18n.js';
import { el, field } from './dom.js';
import { formErrors } from './formErrors.js';
import { oneTimeSecret } from './oneTimeSecret.js';

export async function renderTokens(container, context) {
  const body = el('tbody');
  const created = el('div', { id: 'new-token' });
  const nameInput = el('input', { type: 'text', id: 'token-name', maxLength: 100, autocomplete: 'off' });
  const errors = formErrors({ name: nameInput });
  const form = el('form', { className: 'card', noValidate: true, attrs: { 'aria-labelledby': 'token-create-heading' } },
    el('h2', { id: 'token-create-heading', text: t('tokens.create') }),
    el('p', { className: 'field__hint', text: t('tokens.hint') }),
    el('div', { className: 'row' }, field(t('tokens.name'), nameInput),
      el('div', { className: 'field field--button' }, el('button', { type: 'submit', className: 'button button--primary', id: 'token-submit', text: t('tokens.submit') }))));
  container.append(el('h1', { text: t('tokens.heading') }), form, created,
    el('h2', { text: t('tokens.yours') }),
    el('div', { className: 'table-wrap' }, el('table', { className: 'table', id: 'token-table' },
      el('caption', { className: 'visually-hidden', text: t('tokens.yours') }),
      el('thead', {}, el('tr', {}, ['tokens.name', 'tokens.prefix', 'tokens.created', 'tokens.lastUsed', 'tokens.state', 'actions'].map((k) => el('th', { scope: 'col', text: t(k) })))),
      body)));

  const formatter = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'medium', timeStyle: 'short' });
  const when = (value) => (value ? formatter.format(new Date(value)) : t('tokens.never'));

  async function load() {
    try {
      const tokens = await context.api.tokens();
      body.replaceChildren(...tokens.map((token) => el('tr', {},
        el('th', { scope: 'row', text: token.name }),
        el('td', {}, el('code', { text: `${token.prefix}…` })),
        el('td', { text: when(token.createdAt) }),
        el('td', { text: when(token.lastUsedAt) }),
        el('td', { text: token.revokedAt ? t('tokens.revokedAt', { when: when(token.revokedAt) }) : t('tokens.active') }),
        el('td', {}, token.revokedAt ? null : el('button', {
          type: 'button',
          className: 'button button--danger button--small',
          text: t('tokens.revoke'),
          attrs: { 'aria-label': t('tokens.revokeLabel', { name: token.name }) },
          on: {
            async click() {
              if (!window.confirm(t('tokens.revokeConfirm', { name: token.name }))) {
                return;
              }
              try {
                await context.api.revokeToken(token.id);
                context.status(t('tokens.revoked', { name: token.name }));
                await load();
                document.getElementById('token-name').focus();
              } catch (problem) {
                context.alert(problem.detail || t('error.network'));
              }
            }
          }
        })))));
    } catch (problem) {
      context.alert(problem.detail || t('error.network'));
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    try {
      const answer = await context.api.createToken(nameInput.value.trim());
      form.reset();
      const box = oneTimeSecret({ heading: t('tokens.createdHeading', { name: answer.body.name }), explanation: t('tokens.once'), value: answer.body.token, id: 'token-value' });
      created.replaceChildren(box);
      box.focus();
      context.status(t('tokens.createdHeading', { name: answer.body.name }));
      await load();
    } catch (problem) {
      errors.show(problem, context);
    }
  });
  await load();
  return undefined;
}
