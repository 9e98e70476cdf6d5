// What the finder's entry points (main.js, embed.js) share that does not depend on their state:
// the filter query parameters and the words for an API error.

import { t } from './i18n.js';

export function hasFilters(filters) {
  return Boolean(filters.operatorType || filters.openNow || filters.day || filters.specialNeeds);
}

export function filterParams(filters) {
  return {
    operatorType: filters.operatorType || undefined,
    openNow: filters.openNow ? 'true' : undefined,
    day: filters.day || undefined,
    specialNeeds: filters.specialNeeds ? 'true' : undefined
  };
}

export function problemText(error) {
  if (error.detail) {
    return error.detail;
  }
  const first = error.errors ? Object.values(error.errors).flat().find((item) => typeof item === 'string') : null;
  return first || error.title || '';
}

export function errorMessage(error, context) {
  if (error.kind === 'timeout') {
    return t('error.timeout');
  }
  if (error.kind === 'network') {
    return t('error.network');
  }
  if (error.status === 404) {
    return t(context === 'club' ? 'error.clubNotFound' : context === 'district' ? 'error.districtNotFound' : 'error.notFound');
  }
  if (error.status === 400 || error.status === 422) {
    const text = problemText(error);
    return text ? t('error.badRequest', { detail: text }) : t('error.badRequestGeneric');
  }
  if (error.status === 429) {
    return t('error.tooMany');
  }
  return t('error.server', { status: error.status || '?' });
}
