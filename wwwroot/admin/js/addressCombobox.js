// An address box with gazetteer suggestions: a WAI-ARIA 1.2 combobox with a listbox popup
// (list autocomplete, manual selection). Suggestions from the 3rd character, debounced; an
// answer that arrives after the text has changed is dropped.

import { t } from './i18n.js';
import { el } from './dom.js';

export const DEFAULTS = {
  minChars: 3,
  delay: 250,
  fetchSuggestions: async () => [],
  describe: (item) => item.label,
  onChoose() {},
  announce() {}
};

export function createAddressCombobox(input, listbox, options) {
  const settings = { ...DEFAULTS, ...options };
  let items = [];
  let active = -1;
  let timer = 0;
  let requestId = 0;

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listbox.id);
  input.autocomplete = 'off';
  listbox.setAttribute('role', 'listbox');
  listbox.hidden = true;

  input.addEventListener('input', onInput);
  input.addEventListener('keydown', onKeyDown);
  input.addEventListener('blur', onBlur);
  listbox.addEventListener('mousedown', onListMouseDown);
  listbox.addEventListener('click', onListClick);

  function onInput() {
    window.clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < settings.minChars) {
      requestId += 1;
      close();
      return;
    }
    timer = window.setTimeout(function onDebounced() {
      lookup(text);
    }, settings.delay);
  }

  async function lookup(text) {
    const id = ++requestId;
    let results;
    try {
      results = await settings.fetchSuggestions(text);
    } catch {
      if (id === requestId) {
        close();
        settings.announce(t('address.error'));
      }
      return;
    }
    if (id !== requestId || input.value.trim() !== text) {
      return;
    }
    render(results);
  }

  function render(results) {
    items = results;
    active = -1;
    input.removeAttribute('aria-activedescendant');
    listbox.replaceChildren(...items.map((item, index) => el('li', {
      id: `${listbox.id}-${index}`,
      className: 'combobox__option',
      attrs: { role: 'option', 'aria-selected': 'false' },
      dataset: { index: String(index) },
      text: settings.describe(item)
    })));
    if (items.length === 0) {
      close();
      settings.announce(t('address.none'));
      return;
    }
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    settings.announce(t('address.count', { count: items.length }));
  }

  function close() {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function highlight(index) {
    const options = listbox.querySelectorAll('[role="option"]');
    active = (index + options.length) % options.length;
    options.forEach((option, i) => option.setAttribute('aria-selected', i === active ? 'true' : 'false'));
    const option = options[active];
    input.setAttribute('aria-activedescendant', option.id);
    option.scrollIntoView({ block: 'nearest' });
  }

  function choose(index) {
    const item = items[index];
    if (!item) {
      return;
    }
    close();
    settings.onChoose(item);
  }

  function onKeyDown(event) {
    const open = !listbox.hidden;
    switch (event.key) {
      case 'ArrowDown':
        if (items.length) {
          event.preventDefault();
          listbox.hidden = false;
          input.setAttribute('aria-expanded', 'true');
          highlight(active + 1);
        }
        break;
      case 'ArrowUp':
        if (open) {
          event.preventDefault();
          highlight(active - 1);
        }
        break;
      case 'Enter':
        if (open && active >= 0) {
          event.preventDefault();
          choose(active);
        }
        break;
      case 'Escape':
        if (open) {
          event.preventDefault();
          close();
        }
        break;
      default:
        break;
    }
  }

  function onBlur() {
    window.setTimeout(close, 150);
  }

  function onListMouseDown(event) {
    event.preventDefault();
  }

  function onListClick(event) {
    const option = event.target.closest('[role="option"]');
    if (option) {
      choose(Number(option.dataset.index));
    }
  }

  return { close };
}
