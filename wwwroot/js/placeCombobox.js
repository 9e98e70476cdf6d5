// The address/place box of the finder, the coverage page and the admin club editor: a WAI-ARIA
// 1.2 combobox with a listbox popup (list autocomplete, manual selection). Suggestions
// ({ label, detail }) from the 3rd character, debounced; an answer that arrives after the text
// has changed is dropped, and one aborted by a newer request is ignored.

import { t } from './i18n.js';
import { isAborted } from './api.js';

export const DEFAULTS = {
  minChars: 3,
  delay: 250,
  maxOptions: 8,
  // The listbox; by default the element the input's aria-controls names.
  listbox: null,
  // The live region that announces how many suggestions there are.
  status: null,
  // Key prefix of the count, none and error announcements in the page's catalogue.
  messages: 'combobox',
  // Escape on a closed list empties the box (a search box); off where the text is a form's data.
  clearOnEscape: true,
  fetchSuggestions: async () => [],
  onChoose() {}
};

export function createPlaceCombobox(input, options) {
  const settings = { ...DEFAULTS, ...options };
  const listbox = settings.listbox ?? document.getElementById(input.getAttribute('aria-controls'));
  let suggestions = [];
  let active = -1;
  let timer = 0;
  let requestId = 0;
  let chosen = null;

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
  // Keep focus in the input while an option is clicked with the mouse.
  listbox.addEventListener('mousedown', onListMouseDown);
  listbox.addEventListener('click', onListClick);

  function announce(text) {
    if (settings.status) {
      settings.status.textContent = text;
    }
  }

  function onInput() {
    chosen = null;
    window.clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < settings.minChars) {
      requestId += 1;
      suggestions = [];
      close();
      announce('');
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
    } catch (error) {
      if (isAborted(error) || id !== requestId) {
        return;
      }
      suggestions = [];
      close();
      announce(t(`${settings.messages}.error`));
      return;
    }
    if (id !== requestId || input.value.trim() !== text) {
      return;
    }
    render(results.slice(0, settings.maxOptions));
  }

  function render(items) {
    suggestions = items;
    active = -1;
    listbox.replaceChildren(...items.map(renderOption));
    if (items.length === 0) {
      close();
      announce(t(`${settings.messages}.none`));
      return;
    }
    open();
    announce(t(`${settings.messages}.count`, { count: items.length }));
  }

  function renderOption(suggestion, index) {
    const option = document.createElement('li');
    option.id = `${listbox.id}-${index}`;
    option.className = 'combobox__option';
    option.setAttribute('role', 'option');
    option.setAttribute('aria-selected', 'false');
    option.dataset.index = String(index);
    const label = document.createElement('span');
    label.className = 'combobox__label';
    label.textContent = suggestion.label;
    option.appendChild(label);
    if (suggestion.detail) {
      const detail = document.createElement('span');
      detail.className = 'combobox__detail';
      detail.textContent = suggestion.detail;
      option.appendChild(detail);
    }
    return option;
  }

  function isOpen() {
    return !listbox.hidden;
  }

  function open() {
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function close() {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function setActive(index) {
    const options = listbox.querySelectorAll('[role="option"]');
    if (options.length === 0) {
      return;
    }
    active = (index + options.length) % options.length;
    options.forEach(function markOption(option, position) {
      option.setAttribute('aria-selected', position === active ? 'true' : 'false');
      option.classList.toggle('is-active', position === active);
    });
    input.setAttribute('aria-activedescendant', options[active].id);
    options[active].scrollIntoView({ block: 'nearest' });
  }

  function choose(index) {
    const suggestion = suggestions[index];
    if (!suggestion) {
      return;
    }
    chosen = suggestion;
    input.value = suggestion.label;
    close();
    announce('');
    settings.onChoose(suggestion);
  }

  function onKeyDown(event) {
    switch (event.key) {
      case 'ArrowDown':
        if (suggestions.length === 0) {
          return;
        }
        event.preventDefault();
        if (!isOpen()) {
          open();
          if (!event.altKey) {
            setActive(0);
          }
        } else if (!event.altKey) {
          setActive(active + 1);
        }
        break;
      case 'ArrowUp':
        if (suggestions.length === 0) {
          return;
        }
        event.preventDefault();
        if (!isOpen()) {
          open();
        }
        setActive(active <= 0 ? suggestions.length - 1 : active - 1);
        break;
      case 'Enter':
        if (isOpen() && active >= 0) {
          event.preventDefault();
          choose(active);
        } else {
          dismiss();
        }
        break;
      case 'Escape':
        if (isOpen()) {
          event.preventDefault();
          close();
        } else if (settings.clearOnEscape && input.value) {
          event.preventDefault();
          input.value = '';
          chosen = null;
          suggestions = [];
          requestId += 1;
          announce('');
        }
        break;
      case 'Tab':
        close();
        break;
      default:
        break;
    }
  }

  function onBlur() {
    close();
  }

  function onListMouseDown(event) {
    event.preventDefault();
  }

  function onListClick(event) {
    const option = event.target instanceof Element ? event.target.closest('[role="option"]') : null;
    if (option) {
      choose(Number(option.dataset.index));
    }
  }

  // Reflect a search restored from the URL without asking for suggestions.
  function setValue(text, suggestion = null) {
    if (document.activeElement === input && input.value === text) {
      return;
    }
    window.clearTimeout(timer);
    requestId += 1;
    input.value = text;
    chosen = suggestion;
    suggestions = [];
    close();
  }

  // An explicit search started: suggestions still on their way must not open over its answer.
  function dismiss() {
    window.clearTimeout(timer);
    requestId += 1;
    close();
  }

  function chosenSuggestion() {
    return chosen && chosen.label === input.value.trim() ? chosen : null;
  }

  return { setValue, chosenSuggestion, dismiss };
}
