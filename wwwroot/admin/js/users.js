// Accounts (Admin): the list, inviting an operator or admin, and resetting access. Both return a
// one-time set-password link (no e-mail is sent), shown once with a copy button.

import { t } from './i18n.js';
import { el, field } from './dom.js';
import { formErrors } from './formErrors.js';
import { oneTimeSecret } from './oneTimeSecret.js';

export async function renderUsers(container, context) {
  const body = el('tbody');
  const linkArea = el('div', { id: 'access-link' });
  container.append(el('h1', { text: t('users.heading') }), linkArea,
    el('div', { className: 'table-wrap' }, el('table', { className: 'table', id: 'user-table' },
      el('caption', { className: 'visually-hidden', text: t('users.heading') }),
      el('thead', {}, el('tr', {}, ['users.email', 'users.role', 'users.organization', 'users.state', 'actions'].map((k) => el('th', { scope: 'col', text: t(k) })))),
      body)));

  let organizations = [];
  const inputs = {
    email: el('input', { type: 'email', id: 'invite-email', maxLength: 200, required: true, autocomplete: 'off' }),
    role: el('select', { id: 'invite-role' }, el('option', { value: 'Operator', text: t('role.Operator') }), el('option', { value: 'Admin', text: t('role.Admin') })),
    organization: el('select', { id: 'invite-organization' })
  };
  const errors = formErrors(inputs);
  const orgField = field(t('users.organization'), inputs.organization);
  inputs.role.addEventListener('change', () => {
    orgField.hidden = inputs.role.value !== 'Operator';
  });
  const form = el('form', { className: 'card', noValidate: true, attrs: { 'aria-labelledby': 'invite-heading' } },
    el('h2', { id: 'invite-heading', text: t('users.invite') }),
    el('p', { className: 'field__hint', text: t('users.inviteHint') }),
    el('div', { className: 'row' }, field(t('users.email'), inputs.email), field(t('users.role'), inputs.role), orgField),
    el('div', { className: 'actions' }, el('button', { type: 'submit', className: 'button button--primary', id: 'invite-submit', text: t('users.inviteSubmit') })));
  container.append(form);

  function showLink(access, headingKey) {
    const box = oneTimeSecret({ heading: t(headingKey, { email: access.email }), explanation: t('users.linkOnce'), value: access.setPasswordUrl, id: 'access-link-url' });
    linkArea.replaceChildren(box);
    box.focus();
  }

  async function load() {
    try {
      const [users, orgs] = await Promise.all([context.api.users(), context.api.organizations()]);
      organizations = orgs;
      const orgName = new Map(orgs.map((o) => [o.slug, o.name]));
      if (inputs.organization.options.length === 0) {
        inputs.organization.append(...orgs.map((o) => el('option', { value: o.slug, text: o.name })));
      }
      body.replaceChildren(...users.map((user) => el('tr', {},
        el('th', { scope: 'row', text: user.email }),
        el('td', { text: user.roles.map((r) => t(`role.${r}`)).join(', ') }),
        el('td', { text: user.organization ? (orgName.get(user.organization) ?? user.organization) : '—' }),
        el('td', { text: [user.lockedOut ? t('users.locked') : null, user.hasPassword ? null : t('users.noPassword')].filter(Boolean).join(', ') || t('users.ok') }),
        el('td', {}, el('button', {
          type: 'button',
          className: 'button button--small',
          text: t('users.reset'),
          attrs: { 'aria-label': t('users.resetLabel', { email: user.email }) },
          on: {
            async click() {
              if (!window.confirm(t('users.resetConfirm', { email: user.email }))) {
                return;
              }
              try {
                const answer = await context.api.resetAccess(user.id);
                showLink(answer.body, 'users.resetLink');
                context.status(t('users.resetDone', { email: user.email }));
                await load();
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
      const answer = await context.api.inviteUser({
        email: inputs.email.value.trim(),
        role: inputs.role.value,
        organization: inputs.role.value === 'Operator' ? inputs.organization.value : null
      });
      form.reset();
      orgField.hidden = false;
      showLink(answer.body, 'users.inviteLink');
      context.status(t('users.invited', { email: answer.body.email }));
      await load();
    } catch (problem) {
      errors.show(problem, context);
    }
  });
  await load();
  void organizations;
  return undefined;
}
