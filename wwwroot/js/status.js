// The one polite live region (#result-count): result counts, progress and errors in words,
// with a Retry button next to it (outside the live region) whenever an action can be repeated.

export const DEFAULTS = {
  retryButton: null,
  onRetryFocusLost() {}
};

export function createStatus(element, options) {
  const settings = { ...DEFAULTS, ...options };
  const retryButton = settings.retryButton;
  let retryAction = null;
  let lastInfo = '';

  if (retryButton) {
    retryButton.addEventListener('click', onRetryClick);
  }

  function onRetryClick() {
    const action = retryAction;
    if (action) {
      action();
    }
  }

  function show(text, kind, retry = null) {
    element.textContent = text;
    element.dataset.kind = kind;
    retryAction = retry;
    if (retryButton) {
      const hadFocus = document.activeElement === retryButton;
      retryButton.hidden = !retry;
      if (hadFocus && !retry) {
        settings.onRetryFocusLost();
      }
    }
  }

  function info(text) {
    lastInfo = text;
    show(text, 'info');
  }

  function busy(text) {
    show(text, 'busy', retryButton && !retryButton.hidden ? retryAction : null);
  }

  function error(text, retry = null) {
    show(text, 'error', retry);
  }

  // Keep a result count for later without announcing it now (results loaded behind details).
  function remember(text) {
    lastInfo = text;
  }

  // Back to the last result count after a transient message (no re-announcement if unchanged).
  function restore() {
    show(lastInfo, 'info');
  }

  return { info, busy, error, restore, remember };
}
