// The frame's side of the widget contract (see /widget.js): what the host asked for in the URL,
// and the messages between the frame and the host page. The frame tells the host its height,
// {type: 'clubfinder:height', id, height}; the host may ask for it again with
// {type: 'clubfinder:measure'}. Anything else, or anything from another window or origin, is ignored.

export const HEIGHT_MESSAGE = 'clubfinder:height';
export const MEASURE_MESSAGE = 'clubfinder:measure';

export const DEFAULTS = {
  id: '',
  // The host's origin; '' when the browser does not tell (then messages are only a height).
  hostOrigin: ''
};

const VIEWS = ['list', 'map', 'both'];
const LANGUAGES = ['pl', 'en', 'uk'];
const OPERATOR_TYPES = ['ngo', 'culture', 'mops', 'city', 'other'];
const DISTRICT_PATTERN = /^(?:[1-9]|1[0-8]|[IVXLC]{1,7})$/i;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

// Unknown or malformed values fall back to the defaults: a typo on the host page must not break
// the widget.
export function readEmbedParams(query) {
  const params = new URLSearchParams(query);
  const pick = (name, allowed) => (allowed.includes(params.get(name)) ? params.get(name) : '');
  const district = (params.get('district') ?? '').trim();
  const q = (params.get('q') ?? '').trim().slice(0, 200);
  const id = params.get('id') ?? '';
  return {
    district: DISTRICT_PATTERN.test(district) ? district : '',
    lang: pick('lang', LANGUAGES),
    operatorType: pick('operatorType', OPERATOR_TYPES),
    view: pick('view', VIEWS) || 'both',
    q,
    id: ID_PATTERN.test(id) ? id : '',
    remember: params.get('remember') === '1'
  };
}

// Chromium and Safari name the embedding page's origin; Firefox gives the referrer, which the
// loader limits to the origin.
export function detectHostOrigin() {
  const ancestors = window.location.ancestorOrigins;
  if (ancestors && ancestors.length > 0 && ancestors[0] !== 'null') {
    return ancestors[0];
  }
  try {
    return document.referrer ? new URL(document.referrer).origin : '';
  } catch {
    return '';
  }
}

export function createHostLink(options) {
  const settings = { ...DEFAULTS, ...options };
  const framed = window.parent !== window;
  let lastHeight = 0;
  let frameRequest = 0;

  if (!framed) {
    return { reportHeight() {}, stop() {} };
  }

  const observer = new ResizeObserver(scheduleReport);
  observer.observe(document.documentElement);
  observer.observe(document.body);
  window.addEventListener('message', onMessage);
  window.addEventListener('load', scheduleReport);

  function measure() {
    // The document's own height: nothing on the page depends on the frame's height (no vh units),
    // so reporting it cannot start a feedback loop.
    return Math.ceil(document.documentElement.getBoundingClientRect().height);
  }

  function scheduleReport() {
    if (!frameRequest) {
      frameRequest = window.requestAnimationFrame(function onFrame() {
        frameRequest = 0;
        reportHeight();
      });
    }
  }

  function reportHeight(force = false) {
    const height = measure();
    if (!force && height === lastHeight) {
      return;
    }
    lastHeight = height;
    window.parent.postMessage({ type: HEIGHT_MESSAGE, id: settings.id, height }, settings.hostOrigin || '*');
  }

  function onMessage(event) {
    if (event.source !== window.parent || (settings.hostOrigin && event.origin !== settings.hostOrigin)) {
      return;
    }
    const data = event.data;
    if (data === null || typeof data !== 'object' || Array.isArray(data) || data.type !== MEASURE_MESSAGE) {
      return;
    }
    reportHeight(true);
  }

  function stop() {
    observer.disconnect();
    window.removeEventListener('message', onMessage);
  }

  return { reportHeight, stop };
}
