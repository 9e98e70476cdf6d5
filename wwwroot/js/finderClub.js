// The finder's open club: loads a club's details (an answer that comes after a newer request is
// dropped), shows them in place of the results, and says which club is open. Used by finder.js.

import { isAborted } from './api.js';
import { t } from './i18n.js';
import { errorMessage } from './searchShared.js';

export function createFinderClub({ page, api, status, details, list, narrow, onChange }) {
  let shownClub = null;
  let clubToken = 0;

  function close() {
    clubToken += 1;
    api.cancel('club');
    details.close();
  }

  async function show(slug, { focus = true } = {}) {
    const token = ++clubToken;
    if (shownClub && shownClub.slug === slug) {
      present(shownClub, focus);
      return;
    }
    status.busy(t('status.loadingClub'));
    try {
      const club = await api.getClub(slug, 'club');
      if (token !== clubToken) {
        return;
      }
      shownClub = club;
      status.restore();
      present(club, focus);
    } catch (error) {
      if (isAborted(error) || token !== clubToken) {
        return;
      }
      const message = errorMessage(error, 'club');
      const retry = () => show(slug, { focus: true });
      page.results.hidden = true;
      details.showError(slug, message, retry);
      status.error(message, retry);
      if (focus) {
        details.focusHeading();
      }
      onChange();
    }
  }

  function present(club, focus) {
    page.results.hidden = true;
    details.show(club);
    list.select(club.slug, { scroll: false });
    if (focus) {
      details.focusHeading();
    } else if (!narrow()) {
      // A shared /clubs/{slug} link: show the club without moving focus. (Phones hide the search
      // form while a club is open, so the club already starts under the header.)
      page.details.scrollIntoView({ block: 'start' });
    }
    onChange();
  }

  // The club whose details are on screen, or null (also while it loads or failed).
  function open() {
    return details.isOpen() && shownClub && details.currentSlug() === shownClub.slug ? shownClub : null;
  }

  return { show, close, open };
}
