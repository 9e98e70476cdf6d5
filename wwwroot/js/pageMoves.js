// Moving around the finder page without history entries: the skip link and the page's own
// navigation move focus (Back walks through searches, not through "#..."), and on phones
// a search brings its results up under the thumb.

// Phones: bring the results up under the thumb, the first card whole, without moving focus.
export function revealResults() {
  const target = document.querySelector('.status-bar') ?? document.getElementById('results-section');
  const top = target.getBoundingClientRect().top + window.scrollY - 8;
  if (Math.abs(window.scrollY - top) > 4) {
    window.scrollTo({ top, behavior: 'auto' });
  }
}

// Skip link and page navigation: move focus without adding "#..." entries to the history,
// which the Back button walks through search by search.
export function followInPageLink(event, setView) {
  const link = event.currentTarget;
  const target = document.getElementById(link.getAttribute('href').slice(1));
  if (!target) {
    return;
  }
  event.preventDefault();
  if (link.dataset.viewLink) {
    setView(link.dataset.viewLink);
  }
  const focusTarget = target.closest('[hidden]') ? document.getElementById('club-details-heading') : target;
  if (!focusTarget.hasAttribute('tabindex')) {
    focusTarget.setAttribute('tabindex', '-1');
  }
  focusTarget.focus();
  focusTarget.scrollIntoView({ block: 'start' });
}
