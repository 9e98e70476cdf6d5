// Personal API tokens: create with a lifetime (shown once, with copy), list with expiry and last use, revoke.

import { t } from './i18n.js';
import { el, field } from './dom.js';
import { formErrors } from './formErrors.js';
import { oneTimeSecret } from './oneTimeSecret.js';

// How long a new token may work, in days; the server's default (and the preselected one) is a year.
const LIFETIMES = [30, 90, 365, 730];
const DEFAULT_LIFETIME = 365;

export async function renderTokens(container, context) {
  const body = el('tbody');
  const created = el('div', { id: 'new-token' });
  const nameInput = el('input', { type: 'text', id: 'token-name', maxLength: 100, autocomplete: 'off' });
  const lifetimeSelect = el('select', { id: 'token-lifetime' }, LIFETIMES.map((days) =>
    el('option', { value: String(days), text: t(`tokens.lifetime.${days}`), defaultSelected: days === DEFAULT_LIFETIME })));
  const errors = formErrors({ name: nameInput, expiresInDays: lifetimeSelect });
  const form = el('form', { className: 'card', noValidate: true, attrs: { 'aria-labelledby': 'token-create-heading' } },
    el('h2', { id: 'token-create-heading', text: t('tokens.create') }),
    el('p', { className: 'field__hint', text: t('tokens.hint') }),
    el('div', { className: 'row' }, field(t('tokens.name'), nameInput), field(t('tokens.lifetime'), lifetimeSelect),
      el('div', { className: 'field field--button' }, el('button', { type: 'submit', className: 'button button--primary', id: 'token-submit', text: t('tokens.submit') }))));
  container.append(el('h1', { text: t('tokens.heading') }), form, created,
    el('h2', { text: t('tokens.yours') }),
    el('div', { className: 'table-wrap' }, el('table', { className: 'table', id: 'token-table' },
      el('caption', { className: 'visually-hidden', text: t('tokens.yours') }),
      el('thead', {}, el('tr', {}, ['tokens.name', 'tokens.prefix', 'tokens.created', 'tokens.expires', 'tokens.lastUsed', 'tokens.state', 'actions'].map((k) => el('th', { scope: 'col', text: t(k) })))),
      body)));

  const formatter = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'medium', timeStyle: 'short' });
  const when = (value) => (value ? formatter.format(new Date(value)) : t('tokens.never'));

  const stateOf = (token) => {
    if (token.revokedAt) {
      return t('tokens.revokedAt', { when: when(token.revokedAt) });
    }
    return token.expired ? t('tokens.expired') : t('tokens.active');
  };

  async function load() {
    try {
      const tokens = await context.api.tokens();
      body.replaceChildren(...tokens.map((token) => el('tr', {},
        el('th', { scope: 'row', text: token.name }),
        el('td', {}, el('code', { text: `${token.prefix}…` })),
        el('td', { text: when(token.createdAt) }),
        el('td', { text: when(token.expiresAt) }),
        el('td', { text: when(token.lastUsedAt) }),
        el('td', { text: stateOf(token) }),
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
      const answer = await context.api.createToken(nameInput.value.trim(), Number(lifetimeSelect.value));
      form.reset();
      const explanation = `${t('tokens.once')} ${t('tokens.validUntil', { when: when(answer.body.expiresAt) })}`;
      const box = oneTimeSecret({ heading: t('tokens.createdHeading', { name: answer.body.name }), explanation, value: answer.body.token, id: 'token-value' });
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
