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

// The comma stays a comma (URLSearchParams would write %2C), so the link reads as coordinates.
export function writeSites(sites) {
  const url = new URL(window.location.href);
  url.searchParams.delete('site');
  const rest = url.searchParams.toString();
  const own = sites.map((site) => `site=${site.lat.toFixed(5)},${site.lon.toFixed(5)}`);
  url.search = [rest, ...own].filter(Boolean).join('&');
  window.history.replaceState(null, '', url);
}
