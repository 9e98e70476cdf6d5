// The search form's filters (operator, day, open now, special needs): collapsed behind a toggle
// that counts the active ones, with a hint on how the time filters treat clubs without a timetable.

import { t, weekdayName } from './i18n.js';
import { emptyFilters } from './router.js';

export function createFilters(form, { onChange }) {
  const operatorSelect = form.querySelector('#filter-operator');
  const daySelect = form.querySelector('#filter-day');
  const openNowBox = form.querySelector('#filter-open-now');
  const specialNeedsBox = form.querySelector('#filter-special-needs');
  const box = form.querySelector('#filters');
  const toggle = form.querySelector('#filters-toggle');

  for (const control of [operatorSelect, daySelect, openNowBox, specialNeedsBox]) {
    control.addEventListener('change', onChange);
  }
  form.querySelector('#filters-reset').addEventListener('click', function onResetFilters() {
    write(emptyFilters());
    onChange();
  });
  toggle.addEventListener('click', function onFiltersToggle() {
    setOpen(toggle.getAttribute('aria-expanded') !== 'true');
  });
  const scheduleHint = addScheduleHint();
  renderDayOptions();
  renderToggle();

  function read() {
    return {
      operatorType: operatorSelect.value,
      openNow: openNowBox.checked,
      day: daySelect.value,
      specialNeeds: specialNeedsBox.checked
    };
  }

  function write(filters) {
    operatorSelect.value = filters.operatorType;
    daySelect.value = filters.day;
    openNowBox.checked = filters.openNow;
    specialNeedsBox.checked = filters.specialNeeds;
  }

  // Show the filters of the search on screen; values the form does not offer fall back to "any".
  function setState(filters) {
    write(filters);
    if (operatorSelect.value !== filters.operatorType) {
      operatorSelect.value = '';
    }
    if (daySelect.value !== String(filters.day)) {
      daySelect.value = '';
    }
    renderToggle();
    if (activeCount() > 0) {
      setOpen(true);
    }
  }

  function setOpen(open) {
    toggle.setAttribute('aria-expanded', String(open));
    box.classList.toggle('filters--open', open);
  }

  function activeCount() {
    const filters = read();
    return [filters.operatorType, filters.openNow, filters.day, filters.specialNeeds].filter(Boolean).length;
  }

  function renderToggle() {
    const count = activeCount();
    toggle.textContent = count > 0 ? t('filters.toggleActive', { count }) : t('filters.toggle');
  }

  // How the time filters treat clubs without a timetable (the API leaves them out: unknown is not open).
  function addScheduleHint() {
    const hint = document.createElement('p');
    hint.id = 'filters-schedule-hint';
    hint.className = 'field__hint filters__hint';
    hint.textContent = t('filters.scheduleHint');
    form.querySelector('#filters-body').appendChild(hint);
    for (const control of [daySelect, openNowBox]) {
      const described = control.getAttribute('aria-describedby');
      control.setAttribute('aria-describedby', described ? `${described} ${hint.id}` : hint.id);
    }
    return hint;
  }

  function renderDayOptions() {
    const selected = daySelect.value;
    const any = document.createElement('option');
    any.value = '';
    any.textContent = t('filters.dayAny');
    const days = [1, 2, 3, 4, 5, 6, 7].map(function dayOption(day) {
      const option = document.createElement('option');
      option.value = String(day);
      option.textContent = weekdayName(day);
      return option;
    });
    daySelect.replaceChildren(any, ...days);
    daySelect.value = selected;
  }

  function updateTexts() {
    scheduleHint.textContent = t('filters.scheduleHint');
    renderDayOptions();
    renderToggle();
  }

  return { read, setState, renderToggle, updateTexts };
}
