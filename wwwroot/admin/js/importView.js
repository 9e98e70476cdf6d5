// CSV import (Admin): choose a file, see every row's outcome in a dry run, then commit exactly
// that preview (optionally skipping the invalid rows).

import { t } from './i18n.js';
import { el, field } from './dom.js';

export async function renderImport(container, context) {
  const fileInput = el('input', { type: 'file', id: 'import-file', accept: '.csv,text/csv' });
  const previewButton = el('button', { type: 'submit', className: 'button button--primary', id: 'import-preview', text: t('import.preview') });
  const result = el('section', { id: 'import-result', attrs: { 'aria-labelledby': 'import-result-heading' }, hidden: true });
  const form = el('form', { className: 'card', noValidate: true },
    el('p', { text: t('import.intro') }),
    el('p', {}, el('a', { href: '/api/export/clubs.csv', text: t('import.exportLink') })),
    field(t('import.file'), fileInput),
    el('div', { className: 'actions' }, previewButton));
  container.append(el('h1', { text: t('import.heading') }), form, result);

  let csv = null;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = fileInput.files?.[0];
    if (!file) {
      context.alert(t('import.chooseFile'));
      fileInput.focus();
      return;
    }
    context.alert('');
    csv = await file.text();
    previewButton.disabled = true;
    try {
      const answer = await context.api.importClubs(csv, { mode: 'preview' });
      showPreview(answer.body);
    } catch (problem) {
      context.alert(problem.errors ? Object.values(problem.errors).flat().join(' ') : (problem.detail || t('error.network')));
    } finally {
      previewButton.disabled = false;
    }
  });

  function showPreview(preview) {
    const summary = t('import.summary', { new: preview.new, changed: preview.changed, unchanged: preview.unchanged, invalid: preview.invalid });
    const skip = el('input', { type: 'checkbox', id: 'import-skip-invalid' });
    const commit = el('button', { type: 'button', className: 'button button--primary', id: 'import-commit', text: t('import.commit') });
    const commitStatus = el('p', { id: 'import-commit-status', attrs: { role: 'status' } });
    const rows = preview.rows.map((row) => el('tr', { className: `outcome--${row.outcome}` },
      el('td', { text: String(row.row) }),
      el('th', { scope: 'row', text: row.slug ?? '—' }),
      el('td', {}, el('span', { className: `badge badge--${row.outcome === 'error' ? 'error' : row.outcome === 'new' ? 'info' : 'plain'}`, text: t(`import.outcome.${row.outcome}`) })),
      el('td', { text: [row.changes.length ? row.changes.join(', ') : null, ...row.errors].filter(Boolean).join(' · ') })));
    result.replaceChildren(
      el('h2', { id: 'import-result-heading', attrs: { tabindex: '-1' }, text: t('import.previewHeading') }),
      el('p', { id: 'import-summary', text: summary }),
      el('div', { className: 'table-wrap' }, el('table', { className: 'table', id: 'import-table' },
        el('caption', { className: 'visually-hidden', text: t('import.previewHeading') }),
        el('thead', {}, el('tr', {}, ['import.row', 'import.slug', 'import.outcomeLabel', 'import.details'].map((k) => el('th', { scope: 'col', text: t(k) })))),
        el('tbody', {}, rows))),
      preview.invalid > 0
        ? el('div', { className: 'field field--check' }, skip, el('label', { htmlFor: skip.id, text: t('import.skipInvalid', { count: preview.invalid }) }))
        : null,
      el('div', { className: 'actions' }, commit),
      commitStatus);
    result.hidden = false;
    result.querySelector('h2').focus();
    context.status(summary);

    commit.addEventListener('click', async () => {
      if (preview.invalid > 0 && !skip.checked) {
        commitStatus.textContent = t('import.invalidBlock');
        skip.focus();
        return;
      }
      commit.disabled = true;
      try {
        const answer = await context.api.importClubs(csv, { mode: 'commit', previewHash: preview.previewHash, skipInvalid: skip.checked });
        commitStatus.textContent = t('import.committed', { new: answer.body.new, changed: answer.body.changed });
      } catch (problem) {
        commit.disabled = false;
        commitStatus.textContent = problem.status === 409 ? t('import.stale') : (problem.detail || t('error.network'));
      }
    });
  }
  return undefined;
}
