// The candidate sites: at most three points, kept in the page's address (?site=lat,lon) so a
// proposal can be linked and printed.

export const MAX_SITES = 3;

export function readSites(search = window.location.search) {
  const sites = [];
  for (const value of new URLSearchParams(search).getAll('site')) {
    const [lat, lon] = value.split(',').map(Number);
    if (Number.isFinite(lat) && Number.isFinite(lon) && sites.length < MAX_SITES) {
      sites.push({ lat, lon, label: '' });
    }
  }
  return sites;
}

export function writeSites(sites) {
  const url = new URL(window.location.href);
  url.searchParams.delete('site');
  for (const site of sites) {
    url.searchParams.append('site', `${site.lat.toFixed(5)},${site.lon.toFixed(5)}`);
  }
  window.history.replaceState(null, '', url);
}
