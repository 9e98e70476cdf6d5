// Sign-in and the set-password view reached from invitation and reset links.

import { t } from './i18n.js';
import { el, field } from './dom.js';

export function renderSignIn(container, context) {
  const email = el('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, id: 'signin-email' });
  const password = el('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true, id: 'signin-password' });
  const error = el('p', { id: 'signin-error', className: 'form-error', attrs: { role: 'alert' }, hidden: true });
  const submit = el('button', { type: 'submit', className: 'button button--primary', text: t('signIn.submit') });
  const form = el('form', { className: 'card narrow', noValidate: true, attrs: { 'aria-labelledby': 'signin-heading' }, on: { submit: onSubmit } },
    field(t('signIn.email'), email),
    field(t('signIn.password'), password),
    error,
    el('div', { className: 'actions' }, submit));
  container.append(el('h1', { id: 'signin-heading', text: t('signIn.heading') }), el('p', { text: t('signIn.intro') }), form);

  function showError(text) {
    error.textContent = text;
    error.hidden = !text;
    for (const input of [email, password]) {
      if (text) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', 'signin-error');
      } else {
        input.removeAttribute('aria-invalid');
        input.removeAttribute('aria-describedby');
      }
    }
  }

  async function onSubmit(event) {
    event.preventDefault();
    if (!email.value.trim() || !password.value) {
      showError(t('signIn.missing'));
      (email.value.trim() ? password : email).focus();
      return;
    }
    submit.disabled = true;
    showError('');
    try {
      const me = await context.api.login(email.value.trim(), password.value);
      password.value = '';
      context.status(t('signIn.signedIn'));
      await context.signedIn(me);
    } catch (problem) {
      // The server never says whether the e-mail exists, and neither do we.
      const message = problem.status === 429 ? t('signIn.rateLimited')
        : problem.status === 401 ? t('signIn.failed')
          : t('error.network');
      showError(message);
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
    }
  }
}

export function renderSetPassword(container, context, params) {
  const emailValue = params.get('email') || '';
  const token = params.get('token') || '';
  const email = el('input', { type: 'email', value: emailValue, readOnly: true, autocomplete: 'username', id: 'setpw-email' });
  const password = el('input', { type: 'password', autocomplete: 'new-password', required: true, id: 'setpw-password', minLength: 12 });
  const repeat = el('input', { type: 'password', autocomplete: 'new-password', required: true, id: 'setpw-repeat' });
  const error = el('p', { id: 'setpw-error', className: 'form-error', attrs: { role: 'alert' }, hidden: true });
  const done = el('div', { className: 'notice notice--success', hidden: true, attrs: { tabindex: '-1' } },
    el('p', { text: t('setPassword.done') }), el('p', {}, el('a', { href: '#sign-in', text: t('signIn.heading') })));
  const submit = el('button', { type: 'submit', className: 'button button--primary', text: t('setPassword.submit') });
  const form = el('form', { className: 'card narrow', noValidate: true, on: { submit: onSubmit } },
    field(t('signIn.email'), email),
    field(t('setPassword.password'), password, { hint: t('setPassword.rules') }),
    field(t('setPassword.repeat'), repeat),
    error,
    el('div', { className: 'actions' }, submit));
  container.append(el('h1', { text: t('setPassword.heading') }), form, done);
  if (!emailValue || !token) {
    showError(t('setPassword.badLink'));
    submit.disabled = true;
  }

  function showError(text) {
    error.textContent = text;
    error.hidden = !text;
    if (text) {
      password.setAttribute('aria-invalid', 'true');
      password.setAttribute('aria-describedby', `${password.id}-hint setpw-error`);
    } else {
      password.removeAttribute('aria-invalid');
      password.setAttribute('aria-describedby', `${password.id}-hint`);
    }
  }

  async function onSubmit(event) {
    event.preventDefault();
    if (password.value.length < 12 || !/\d/.test(password.value) || !/[a-ząćęłńóśźż]/.test(password.value)) {
      showError(t('setPassword.rules'));
      password.focus();
      return;
    }
    if (password.value !== repeat.value) {
      showError(t('setPassword.mismatch'));
      repeat.focus();
      return;
    }
    submit.disabled = true;
    try {
      await context.api.setPassword(emailValue, token, password.value);
      form.hidden = true;
      done.hidden = false;
      done.focus();
      context.status(t('setPassword.done'));
    } catch (problem) {
      const messages = problem.errors ? Object.values(problem.errors).flat() : [];
      showError(problem.status === 429 ? t('signIn.rateLimited') : messages.length ? messages.join(' ') : problem.detail || t('setPassword.badLink'));
      submit.disabled = false;
    }
  }
}
