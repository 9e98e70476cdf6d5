// The admin pages use the finder's translation module with their own catalogues
// (/i18n/admin.{pl,en}.json) and their own remembered language.

import { configureI18n } from '../../js/i18n.js';

configureI18n({ languages: ['pl', 'en'], storageKey: 'clubfinder.admin.lang', basePath: '/i18n/admin.' });

export { t, setLanguage, preferredLanguage, currentLanguage, translateDocument, formatDate, weekdayName } from '../../js/i18n.js';
