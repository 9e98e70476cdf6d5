// Small DOM builders. Text is always set with textContent, so nothing from the API is ever
// parsed as markup.

// el('p', { className: 'x', text: 'hi', attrs: { 'aria-live': 'polite' }, on: { click } }, ...children)
export function el(name, options = {}, ...children) {
  const node = document.createElement(name);
  const { text, attrs, on, dataset, ...props } = options;
  for (const [key, value] of Object.entries(props)) {
    if (value !== undefined && value !== null) {
      node[key] = value;
    }
  }
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value !== undefined && value !== null && value !== false) {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const [key, value] of Object.entries(dataset ?? {})) {
    node.dataset[key] = value;
  }
  for (const [event, handler] of Object.entries(on ?? {})) {
    node.addEventListener(event, handler);
  }
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child);
    }
  }
  return node;
}

let uniqueCounter = 0;
export function uniqueId(prefix) {
  uniqueCounter += 1;
  return `${prefix}-${uniqueCounter}`;
}

// A labelled form control in a .field wrapper, with a slot for its error message.
export function field(labelText, control, { hint = null, className = '' } = {}) {
  if (!control.id) {
    control.id = uniqueId('f');
  }
  const wrapper = el('div', { className: `field ${className}`.trim() });
  wrapper.append(el('label', { htmlFor: control.id, text: labelText }), control);
  if (hint) {
    const hintId = `${control.id}-hint`;
    wrapper.append(el('p', { id: hintId, className: 'field__hint', text: hint }));
    addDescribedBy(control, hintId);
  }
  return wrapper;
}

export function addDescribedBy(control, id) {
  const ids = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
  if (!ids.includes(id)) {
    ids.push(id);
  }
  control.setAttribute('aria-describedby', ids.join(' '));
}

export function removeDescribedBy(control, id) {
  const ids = (control.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== id);
  if (ids.length) {
    control.setAttribute('aria-describedby', ids.join(' '));
  } else {
    control.removeAttribute('aria-describedby');
  }
}

// Copies text to the clipboard, falling back to selecting it for Ctrl+C.
export async function copyText(text, fallbackInput) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (fallbackInput) {
      fallbackInput.focus();
      fallbackInput.select();
    }
    return false;
  }
}

export function todayIso() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
